#include "config/ConfigLoader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "config/LogChannel.h"
#include "config/SecretValue.h"
#include "dataset/DatasetSpec.h"
#include "pseudo/Date.h"
#include "schedule/Schedule.h"
#include "schedule/ZoneDatabase.h"
#include "util/AtomicFile.h"
#include "util/Duration.h"
#include "util/MunicipalityCode.h"
#include "util/SafePath.h"
#include "util/Utf8Path.h"

namespace brobyg::config {
namespace fs = std::filesystem;

ConfigError::ConfigError(const std::string& file, std::vector<Problem> problems)
    : Error(formatProblems(file, problems)), problems_(std::move(problems)) {}

namespace {

constexpr const char* kNamespace = "urn:brobyg:config:1";

// A real calendar day: 2027-02-30 is refused (it would otherwise compare as a string).
bool isDate(const std::string& s) {
  return pseudo::parseIsoDate(s).has_value();
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Reads one document and records problems with their line numbers.
class Reader {
 public:
  Reader(const std::string& path, std::vector<Problem>& problems)
      : problems_(problems),
        directory_(utf8FromPath(fs::absolute(pathFromUtf8(path)).parent_path())) {
    text_ = readFile(path);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') newlines_.push_back(i);
  }

  const std::string& text() const { return text_; }
  const std::string& directory() const { return directory_; }

  long lineOf(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto it =
        std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
    return static_cast<long>(it - newlines_.begin()) + 1;
  }
  long line(const pugi::xml_node& node) const { return lineOf(node.offset_debug()); }

  void problem(const pugi::xml_node& node, const std::string& message) {
    problems_.push_back(Problem::error(line(node), message));
  }

  // Complains about attributes not in `allowed` and child elements not in `children`.
  void onlyKnown(const pugi::xml_node& node, std::initializer_list<const char*> attributes,
                 std::initializer_list<const char*> children) {
    for (const auto& a : node.attributes()) {
      std::string name = a.name();
      if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
      if (std::none_of(attributes.begin(), attributes.end(),
                       [&](const char* n) { return name == n; }))
        problem(node, "<" + std::string(node.name()) + "> has an unknown attribute '" + name + "'");
    }
    for (const auto& child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string name = child.name();
      if (std::none_of(children.begin(), children.end(), [&](const char* n) { return name == n; }))
        problem(child, "unknown element <" + name + "> in <" + node.name() + ">");
    }
  }

  std::string required(const pugi::xml_node& node, const char* attribute) {
    auto a = node.attribute(attribute);
    if (!a || std::string(a.value()).empty()) {
      problem(node, "<" + std::string(node.name()) + "> needs the attribute '" + attribute + "'");
      return {};
    }
    return a.value();
  }

  // An attribute that is true or false; `fallback` when it is not given.
  bool flag(const pugi::xml_node& node, const char* attribute, bool fallback) {
    auto a = node.attribute(attribute);
    if (!a) return fallback;
    const std::string value = a.value();
    if (value != "true" && value != "false")
      problem(node, "<" + std::string(node.name()) + " " + attribute + "> must be true or false");
    return value == "true" || (value != "false" && fallback);
  }

  std::string requiredId(const pugi::xml_node& node, const char* attribute = "id") {
    std::string id = required(node, attribute);
    if (!id.empty() && !isSafeId(id))
      problem(node,
              "<" + std::string(node.name()) + " " + attribute +
                  "> must start with a letter or digit and may only use letters, digits, '-', '_' "
                  "and '.' (at most 64): it becomes a file name");
    return id;
  }

  std::string textOf(const pugi::xml_node& node, const char* child, bool isRequired) {
    auto c = node.child(child);
    std::string value = c ? std::string(c.text().get()) : std::string();
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    if (isRequired && value.empty())
      problem(c ? c : node, "<" + std::string(node.name()) + "> needs <" + child + ">");
    return value;
  }

  std::string path(const std::string& value) const {
    if (value.empty()) return value;
    const fs::path p = pathFromUtf8(value);
    return p.is_relative() ? utf8FromPath((pathFromUtf8(directory_) / p).lexically_normal())
                           : value;
  }

 private:
  std::vector<Problem>& problems_;
  std::string directory_;
  std::string text_;
  std::vector<std::size_t> newlines_;
};

// A <setting>: its text, or the content of a private file (file="..."), or an environment
// variable (env="..."): exactly one of them. Problems name the setting, the file or the
// variable, never the value. Nothing when there is a problem.
std::optional<plugin::ConfiguredSetting> readSetting(Reader& r, const pugi::xml_node& node,
                                                     const std::string& key,
                                                     const std::string& instance) {
  const std::string where = "'" + instance + "': setting '" + key + "'";
  const auto file = node.attribute("file");
  const auto env = node.attribute("env");
  std::string text = node.text().get();
  const bool hasText = text.find_first_not_of(" \t\r\n") != std::string::npos;
  if (int(bool(file)) + int(bool(env)) + int(hasText) > 1) {
    r.problem(node, where + ": give its value one way: text, file=\"...\" or env=\"...\"");
    return std::nullopt;
  }
  plugin::ConfiguredSetting setting{key, text, r.line(node)};
  if (file) {
    setting.origin = plugin::SettingOrigin::File;
    const std::string path = r.path(file.value());
    try {
      if (path.empty()) throw Error("<setting file> is empty");
      setting.value = readSecretFile(path, "secret file");
    } catch (const Error& e) {
      r.problem(node, where + ": " + e.what());
      return std::nullopt;
    }
  } else if (env) {
    setting.origin = plugin::SettingOrigin::Env;
    auto value = environmentValue(env.value());
    if (!value) {
      r.problem(node, where + ": environment variable '" + env.value() + "' is not set or empty");
      return std::nullopt;
    }
    setting.value = std::move(*value);
  }
  return setting;
}

InstanceConfig readInstance(Reader& r, const pugi::xml_node& node) {
  InstanceConfig instance;
  instance.line = r.line(node);
  if (std::strcmp(node.name(), "destination") == 0) {
    r.onlyKnown(node, {"id", "plugin", "receipt-certificate"}, {"setting", "map"});
    instance.receiptCertificate = r.path(node.attribute("receipt-certificate").as_string());
  } else {
    r.onlyKnown(node, {"id", "plugin"}, {"setting", "map"});
  }
  instance.id = r.requiredId(node);
  instance.plugin = r.requiredId(node, "plugin");
  for (const auto& child : node.children()) {
    if (std::strcmp(child.name(), "setting") == 0) {
      r.onlyKnown(child, {"key", "file", "env"}, {});
      std::string key = r.required(child, "key");
      if (key.empty()) continue;
      if (auto setting = readSetting(r, child, key, instance.id))
        instance.settings.push_back(std::move(*setting));
    } else if (std::strcmp(child.name(), "map") == 0) {
      r.onlyKnown(child, {"key"}, {"entry"});
      std::string key = r.required(child, "key");
      for (const auto& entry : child.children("entry")) {
        r.onlyKnown(entry, {"key"}, {});
        std::string entryKey = r.required(entry, "key");
        if (!key.empty() && !entryKey.empty())
          instance.settings.push_back({key + "." + entryKey, entry.text().get(), r.line(entry)});
      }
    }
  }
  return instance;
}

// A schedule is an interval or a cron expression (schedule/Schedule.h); its time zone must
// exist on this host. The messages name the field, e.g. 'minute 61 is out of range 0-59'.
void checkSchedule(Reader& r, const pugi::xml_node& node, const JobConfig& job) {
  if (!schedule::missedRunsFrom(job.missed))
    r.problem(node, "<job missed> must be run-once or skip");
  try {
    if (!job.schedule.empty()) {
      schedule::Schedule::parse(job.schedule, job.timezone);
    } else if (!job.timezone.empty()) {
      schedule::loadTimeZone(job.timezone);
    }
  } catch (const Error& e) {
    if (job.schedule.find_first_of(" \t@") == std::string::npos && !job.schedule.empty())
      r.problem(node,
                "<job schedule> must be a duration such as 30m, 6h or 1d, or a cron expression "
                "such as 15 2 * * *");
    else
      r.problem(node, std::string("<job schedule>: ") + e.what());
  }
}

// <risk k="5" enforce="true" generalise="birth_year,municipality"/>: the risk report's k, whether
// a package whose shipped classes fall below it is refused, and how the data is coarsened.
void readRisk(Reader& r, const pugi::xml_node& node, RiskConfig& risk) {
  r.onlyKnown(node, {"k", "enforce", "generalise"}, {});
  if (node.attribute("k")) {
    const std::string k = node.attribute("k").value();
    const bool digits =
        !k.empty() && k.size() <= 3 && k.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(k) < 2)
      r.problem(node, "<risk k> must be a whole number from 2 to 999");
    else
      risk.k = static_cast<unsigned>(std::stoi(k));
  }
  risk.enforce = r.flag(node, "enforce", risk.enforce);
  if (node.attribute("generalise")) {
    try {
      risk.generalisation =
          risk::Generalisation::parse(node.attribute("generalise").value(), "<risk generalise>");
    } catch (const Error& e) {
      r.problem(node, e.what());
    }
  }
}

// A share in percent with at most two decimals ("10", "12.5", "0.25"), as basis points.
std::optional<int> percentBasisPoints(const std::string& text) {
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto allDigits = [](const std::string& s) {
    return s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (whole.empty() || whole.size() > 3 || !allDigits(whole) || fraction.size() > 2 ||
      !allDigits(fraction) || (dot != std::string::npos && fraction.empty()))
    return std::nullopt;
  const int points =
      std::stoi(whole) * 100 +
      (fraction.empty() ? 0 : std::stoi(fraction + std::string(2 - fraction.size(), '0')));
  if (points <= 0 || points > 10000) return std::nullopt;
  return points;
}

// <dataset name="absence_summary" unauth-warn="10" unauth-notify="15" high-total="10"/>: the
// thresholds of absence_summary's flags.
void readSummaryThresholds(Reader& r, const pugi::xml_node& d, JobConfig& job) {
  const std::pair<const char*, int*> thresholds[] = {
      {"unauth-warn", &job.summaryThresholds.unauthWarn},
      {"unauth-notify", &job.summaryThresholds.unauthNotify},
      {"high-total", &job.summaryThresholds.highTotal}};
  for (const auto& threshold : thresholds) {
    if (!d.attribute(threshold.first)) continue;
    const auto points = percentBasisPoints(d.attribute(threshold.first).value());
    if (!points)
      r.problem(d, std::string("<dataset ") + threshold.first +
                       "> must be a percentage above 0 and at most 100, with at most two "
                       "decimals (e.g. 10 or 12.5)");
    else
      *threshold.second = *points;
  }
  if (job.summaryThresholds.unauthNotify < job.summaryThresholds.unauthWarn)
    r.problem(d,
              "<dataset unauth-notify> is below unauth-warn: notifying the municipality "
              "comes after warning the parents");
}

// The datasets whose thresholds a <dataset> element may set: they compute the flags.
bool setsThresholds(const dataset::DatasetSpec* spec) {
  return spec == &dataset::absenceSummary() || spec == &dataset::absenceAggregate();
}

JobDatasetConfig readJobDataset(Reader& r, const pugi::xml_node& d, JobConfig& job) {
  r.onlyKnown(d, {"name", "source", "ship", "unauth-warn", "unauth-notify", "high-total"}, {});
  JobDatasetConfig dataset;
  dataset.line = r.line(d);
  dataset.dataset = r.required(d, "name");
  const dataset::DatasetSpec* spec =
      dataset.dataset.empty() ? nullptr : dataset::findDataset(dataset.dataset);
  if (!dataset.dataset.empty() && spec == nullptr)
    r.problem(d, "unknown dataset '" + dataset.dataset + "'");
  // A dataset the job computes from its other datasets names no source.
  if (spec == nullptr || !spec->derived())
    dataset.source = r.required(d, "source");
  else if (d.attribute("source"))
    r.problem(d, "job '" + job.id + "': dataset '" + dataset.dataset +
                     "' is computed from the job's other datasets and takes no source");
  dataset.ship = r.flag(d, "ship", true);
  if (!dataset.ship && spec != nullptr && spec->derived())
    r.problem(d, "job '" + job.id + "': dataset '" + dataset.dataset +
                     "' is computed only to be shipped: ship=\"false\" belongs on the datasets "
                     "it is computed from");
  if (setsThresholds(spec)) {
    readSummaryThresholds(r, d, job);
  } else {
    for (const char* threshold : {"unauth-warn", "unauth-notify", "high-total"})
      if (d.attribute(threshold))
        r.problem(d, std::string("<dataset ") + threshold +
                         "> belongs to absence_summary or absence_aggregate (person_period uses "
                         "absence_summary's)");
  }
  return dataset;
}

JobConfig readJob(Reader& r, const pugi::xml_node& node) {
  JobConfig job;
  job.line = r.line(node);
  r.onlyKnown(node, {"id", "project", "destination", "schedule", "timezone", "missed"},
              {"legal-basis", "dataset", "recipient", "output", "risk"});
  job.id = r.requiredId(node);
  job.project = r.required(node, "project");
  job.destination = r.required(node, "destination");
  job.schedule = node.attribute("schedule").value();
  job.timezone = node.attribute("timezone").value();
  job.missed = node.attribute("missed").as_string("run-once");
  checkSchedule(r, node, job);

  auto basis = node.child("legal-basis");
  if (!basis) {
    r.problem(node, "job '" + job.id + "' needs a <legal-basis> (agreement, expiry, datasets)");
  } else {
    r.onlyKnown(basis, {"agreement", "expires", "datasets", "aggregates-only"}, {});
    job.legalBasis.line = r.line(basis);
    job.legalBasis.agreement = r.required(basis, "agreement");
    job.legalBasis.expires = r.required(basis, "expires");
    if (!job.legalBasis.expires.empty() && !isDate(job.legalBasis.expires))
      r.problem(basis, "<legal-basis expires> must be a date yyyy-mm-dd");
    // An empty list must not read as "no restriction": the agreement names what it allows.
    if (basis.attribute("datasets")) {
      job.legalBasis.datasets = words(basis.attribute("datasets").value());
      if (job.legalBasis.datasets.empty())
        r.problem(basis, "<legal-basis datasets> is blank: name the datasets the agreement allows");
    } else {
      r.required(basis, "datasets");
    }
    job.legalBasis.aggregatesOnly = r.flag(basis, "aggregates-only", false);
    job.legalBasis.reference = basis.text().get();
  }

  for (const auto& d : node.children("dataset")) job.datasets.push_back(readJobDataset(r, d, job));
  if (job.datasets.empty()) r.problem(node, "job '" + job.id + "' has no <dataset>");

  for (const auto& rec : node.children("recipient")) {
    r.onlyKnown(rec, {"ref"}, {});
    if (job.recipientsLine == 0) job.recipientsLine = r.line(rec);
    std::string ref = r.required(rec, "ref");
    if (!ref.empty()) job.recipients.push_back(ref);
  }
  if (job.recipients.empty())
    r.problem(node, "job '" + job.id + "' has no <recipient>: nobody could open its packages");

  if (auto output = node.child("output")) {
    r.onlyKnown(output, {"formats", "compression", "workers"}, {});
    if (output.attribute("formats")) {
      job.formats = words(output.attribute("formats").value());
      std::set<std::string> seen;
      for (const auto& f : job.formats)
        if ((f != "csv" && f != "xml") || !seen.insert(f).second)
          r.problem(output, "<output formats> takes csv and/or xml, each once");
      if (job.formats.empty()) r.problem(output, "<output formats> is empty");
    }
    if (output.attribute("compression")) {
      std::string level = output.attribute("compression").value();
      if (level.size() != 1 || level[0] < '0' || level[0] > '9')
        r.problem(output, "<output compression> must be 0 (store) to 9");
      else
        job.compression = level[0] - '0';
    }
    if (output.attribute("workers")) {
      const std::string workers = output.attribute("workers").value();
      if (workers != "1" && workers != "2")
        r.problem(output, "<output workers> must be 1 (one thread) or 2");
      else
        job.workers = workers[0] - '0';
    }
  }
  if (auto risk = node.child("risk")) readRisk(r, risk, job.risk);
  return job;
}

template <typename T>
void checkUnique(Reader& r, const std::vector<T>& items, const char* what,
                 std::vector<Problem>& problems) {
  std::set<std::string> seen;
  for (const T& item : items)
    if (!item.id.empty() && !seen.insert(item.id).second)
      problems.push_back({item.line, std::string(what) + " id '" + item.id + "' is used twice"});
  (void)r;
}

// A derived dataset needs its inputs in the same job and the school calendar of the
// producer's municipality.
template <typename Report>
void checkDerivedDatasets(const Config& config, const JobConfig& job, const Report& problem) {
  for (const JobDatasetConfig& d : job.datasets) {
    const dataset::DatasetSpec* spec = dataset::findDataset(d.dataset);
    if (spec == nullptr || !spec->derived()) continue;
    for (const std::string& input : spec->derivedFrom()) {
      const bool named =
          std::any_of(job.datasets.begin(), job.datasets.end(), [&](const JobDatasetConfig& other) {
            return other.dataset == input && !other.source.empty();
          });
      if (!named)
        problem(d.line, "dataset '" + d.dataset + "' is computed from '" + input +
                            "': add <dataset name=\"" + input + "\" source=...> to the job");
    }
    // Every computed dataset counts school days: all need the calendar.
    if (findSchoolCalendar(config, config.producer.municipality) == nullptr)
      problem(d.line, "dataset '" + d.dataset +
                          "' needs the school calendar of the producer's "
                          "municipality: add <school-calendar municipality=\"" +
                          config.producer.municipality + "\">");
  }
}

bool computedFrom(const JobConfig& job, const std::string& input) {
  return std::any_of(job.datasets.begin(), job.datasets.end(), [&](const JobDatasetConfig& d) {
    const dataset::DatasetSpec* spec = dataset::findDataset(d.dataset);
    if (spec == nullptr) return false;
    const auto& from = spec->derivedFrom();
    return std::find(from.begin(), from.end(), input) != from.end();
  });
}

// What the job ships: what its legal basis allows, something, and under an aggregates-only
// basis (issue 15) no row-level dataset, ever; the datasets it reads only for its derived ones
// are not shipped and need no permission to ship.
template <typename Report>
void checkShippedDatasets(const JobConfig& job, const Report& problem) {
  const LegalBasisConfig& basis = job.legalBasis;
  bool shipsAny = false;
  for (const JobDatasetConfig& d : job.datasets) {
    const dataset::DatasetSpec* spec = dataset::findDataset(d.dataset);
    if (!d.ship) {
      // A derived dataset with ship="false" is refused where it is read.
      if (spec != nullptr && !spec->derived() && !computedFrom(job, d.dataset))
        problem(d.line, "dataset '" + d.dataset +
                            "' has ship=\"false\" but no dataset of the job is computed from "
                            "it: it would be read for nothing");
      continue;
    }
    shipsAny = true;
    if (basis.aggregatesOnly && spec != nullptr && !spec->aggregate())
      problem(d.line, "dataset '" + d.dataset + "' has a row per person, and legal basis '" +
                          basis.agreement +
                          "' allows aggregates only: such a job can never ship it. Read it "
                          "only for the aggregates with ship=\"false\", or remove it");
    if (!d.dataset.empty() && !basis.datasets.empty() &&
        std::find(basis.datasets.begin(), basis.datasets.end(), d.dataset) == basis.datasets.end())
      problem(d.line, "dataset '" + d.dataset + "' is not allowed by legal basis '" +
                          basis.agreement + "'");
  }
  if (!job.datasets.empty() && !shipsAny)
    problem(job.line, "every dataset has ship=\"false\": the job would ship nothing");
  if (basis.aggregatesOnly)
    for (const std::string& name : basis.datasets) {
      const dataset::DatasetSpec* spec = dataset::findDataset(name);
      if (spec != nullptr && !spec->aggregate())
        problem(basis.line, "legal basis '" + basis.agreement +
                                "' allows aggregates only but names the row-level dataset '" +
                                name + "'");
    }
}

}  // namespace

Config parseConfig(const std::string& path, std::vector<Problem>& problems) {
  Config config;
  config.path = utf8FromPath(fs::absolute(pathFromUtf8(path)).lexically_normal());
  Reader r(path, problems);
  config.directory = r.directory();

  pugi::xml_document doc;
  auto parsed = doc.load_buffer(r.text().data(), r.text().size(),
                                pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    problems.push_back(
        {r.lineOf(parsed.offset), std::string("not well-formed XML: ") + parsed.description()});
    return config;
  }
  auto root = doc.document_element();
  if (std::strcmp(root.name(), "brobyg") != 0) {
    r.problem(root, "the root element must be <brobyg>");
    return config;
  }
  if (std::string(root.attribute("xmlns").value()) != kNamespace)
    r.problem(root, std::string("<brobyg> must declare xmlns=\"") + kNamespace + "\"");
  r.onlyKnown(root, {"xmlns"},
              {"service", "producer", "project", "recipient", "source", "destination", "job",
               "receiver", "school-calendar"});

  if (auto service = root.child("service")) {
    r.onlyKnown(service, {},
                {"state-directory", "plugin-directory", "log-file", "log-level", "admin",
                 "retention", "syslog"});
    if (auto syslog = service.child("syslog")) {
      r.onlyKnown(syslog, {"facility"}, {});
      config.service.syslog = true;
      if (auto facility = syslog.attribute("facility"))
        config.service.syslogFacility = facility.value();
      if (!isSyslogFacility(config.service.syslogFacility))
        r.problem(syslog, "<syslog facility> must be daemon, user or local0 to local7");
    }
    if (auto retention = service.child("retention")) {
      r.onlyKnown(retention, {"quarantine", "delivered-packages"}, {});
      auto period = [&](const char* attribute, std::int64_t& seconds) {
        auto a = retention.attribute(attribute);
        if (!a) return;
        std::string value = a.value();
        auto duration = parseDuration(value);
        if (value == "keep")
          seconds = 0;
        else if (duration && *duration > 0)
          seconds = *duration;
        else
          r.problem(retention, std::string("<retention ") + attribute +
                                   "> must be a duration such as 90d, or keep");
      };
      period("quarantine", config.service.quarantineRetentionSeconds);
      period("delivered-packages", config.service.deliveredRetentionSeconds);
    }
    if (auto admin = service.child("admin")) {
      r.onlyKnown(admin, {"listen", "token-file"}, {});
      config.service.adminLine = r.line(admin);
      config.service.adminListen = r.required(admin, "listen");
      config.service.adminTokenFile = r.path(r.required(admin, "token-file"));
      const std::string& listen = config.service.adminListen;
      std::size_t colon = listen.rfind(':');
      std::string host = colon == std::string::npos ? "" : listen.substr(0, colon);
      std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
      if (host != "127.0.0.1" && host != "localhost" && host != "[::1]")
        r.problem(admin,
                  "<admin listen> must be a loopback address (127.0.0.1, [::1] or "
                  "localhost) and a port: the admin API is never exposed");
      if (port.empty() || port.size() > 5 ||
          !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          std::stoi(port) > 65535)
        r.problem(admin, "<admin listen> needs a port number");
    }
    config.service.line = r.line(service);
    config.service.stateDirectory = r.path(r.textOf(service, "state-directory", true));
    config.service.pluginDirectory = r.path(r.textOf(service, "plugin-directory", false));
    config.service.logFile = r.path(r.textOf(service, "log-file", false));
    std::string level = r.textOf(service, "log-level", false);
    if (!level.empty()) config.service.logLevel = level;
    if (level != "" && level != "error" && level != "warning" && level != "information" &&
        level != "debug")
      r.problem(service.child("log-level"),
                "<log-level> must be error, warning, information or debug");
  } else {
    r.problem(root, "<service> with a <state-directory> is missing");
  }

  if (auto producer = root.child("producer")) {
    r.onlyKnown(producer, {"municipality", "name"}, {"signing-certificate", "signing-key"});
    config.producer.line = r.line(producer);
    config.producer.municipality = r.required(producer, "municipality");
    if (auto canonical = canonicalMunicipality(config.producer.municipality))
      config.producer.municipality = std::string(*canonical);
    else if (!config.producer.municipality.empty())
      r.problem(producer, "<producer municipality> must be a 3 or 4 digit kommunekode");
    config.producer.name = r.required(producer, "name");
    config.producer.signingCertificate = r.path(r.textOf(producer, "signing-certificate", true));
    config.producer.signingKey = r.path(r.textOf(producer, "signing-key", true));
  } else if (!root.child("receiver") || root.child("job")) {  // an evaluator produces nothing
    r.problem(root, "<producer> (municipality, signing certificate and key) is missing");
  }

  for (const auto& node : root.children("project")) {
    r.onlyKnown(node, {"id", "key-file"}, {});
    ProjectConfig project;
    project.line = r.line(node);
    project.id = r.requiredId(node);
    project.keyFile = r.path(r.required(node, "key-file"));
    config.projects.push_back(project);
  }
  for (const auto& node : root.children("recipient")) {
    r.onlyKnown(node, {"id", "certificate"}, {});
    RecipientConfig recipient;
    recipient.line = r.line(node);
    recipient.id = r.requiredId(node);
    recipient.certificate = r.path(r.required(node, "certificate"));
    config.recipients.push_back(recipient);
  }
  for (const auto& node : root.children("source")) config.sources.push_back(readInstance(r, node));
  for (const auto& node : root.children("destination"))
    config.destinations.push_back(readInstance(r, node));
  for (const auto& node : root.children("job")) config.jobs.push_back(readJob(r, node));
  if (auto receiver = root.child("receiver"))
    readReceiverConfig(receiver,
                       {[&](const pugi::xml_node& n) { return r.line(n); },
                        [&](const std::string& value) { return r.path(value); }},
                       config.receiver, problems);

  for (const auto& node : root.children("school-calendar"))
    config.schoolCalendars.push_back(readSchoolCalendar(
        node, [&](const pugi::xml_node& n) { return r.line(n); }, problems));
  checkSchoolCalendars(config.schoolCalendars, problems);

  checkUnique(r, config.projects, "project", problems);
  checkUnique(r, config.recipients, "recipient", problems);
  checkUnique(r, config.sources, "source", problems);
  checkUnique(r, config.destinations, "destination", problems);
  checkUnique(r, config.jobs, "job", problems);

  for (const JobConfig& job : config.jobs) {
    auto refProblem = [&](long line, const std::string& text) {
      problems.push_back({line, "job '" + job.id + "': " + text});
    };
    if (!job.project.empty() && config.project(job.project) == nullptr)
      refProblem(job.line, "no <project id=\"" + job.project + "\">");
    if (!job.destination.empty() && config.destination(job.destination) == nullptr)
      refProblem(job.line, "no <destination id=\"" + job.destination + "\">");
    for (const auto& ref : job.recipients)
      if (config.recipient(ref) == nullptr)
        refProblem(job.recipientsLine, "no <recipient id=\"" + ref + "\">");
    checkDerivedDatasets(config, job, refProblem);
    checkShippedDatasets(job, refProblem);
    for (const auto& d : job.datasets)
      if (!d.source.empty() && config.source(d.source) == nullptr)
        refProblem(d.line, "no <source id=\"" + d.source + "\">");
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  return config;
}

Config loadConfig(const std::string& path) {
  std::vector<Problem> problems;
  Config config = parseConfig(path, problems);
  std::vector<Problem> errors;
  for (const auto& p : problems)
    if (!p.isWarning()) errors.push_back(p);
  if (!errors.empty()) throw ConfigError(config.path, errors);
  return config;
}

}  // namespace brobyg::config
