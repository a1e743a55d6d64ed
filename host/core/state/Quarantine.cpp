#include "state/Quarantine.h"

#include <filesystem>

#include "state/StateStore.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::state {

namespace {
// The name of a run's file while the run is open: "." <run name> kPartialSuffix.
constexpr std::string_view kPartialSuffix = ".csv.partial";

void appendField(std::string& line, std::string_view value) {
  line.push_back('"');
  if (startsFormula(value)) line.push_back('\'');
  for (char c : value) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}
}  // namespace

bool startsFormula(std::string_view value) {
  return !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                            value[0] == '@' || value[0] == '\t' || value[0] == '\r');
}

Quarantine::Quarantine(std::string directory, std::string name)
    : directory_(std::move(directory)), name_(std::move(name)) {}

Quarantine::~Quarantine() = default;

std::string Quarantine::finalPath() const {
  return joinUtf8(directory_, name_ + ".csv");
}

std::string Quarantine::partialPath() const {
  return joinUtf8(directory_, "." + name_ + std::string(kPartialSuffix));
}

void Quarantine::add(std::string_view source, std::string_view origin, std::string_view reason,
                     std::string_view raw) {
  if (!file_) {
    createPrivateDirectory(directory_);
    file_ = std::make_unique<OutputFile>(partialPath(), true);
    file_->write("source,origin,reason,raw\r\n");
  }
  line_.clear();
  appendField(line_, source);
  line_.push_back(',');
  appendField(line_, origin);
  line_.push_back(',');
  appendField(line_, reason);
  line_.push_back(',');
  appendField(line_, raw);
  line_.append("\r\n");
  file_->write(line_);
  ++count_;
}

void Quarantine::prepare() {
  if (!file_) return;
  file_->close();
  file_.reset();
  syncDirectory(directory_);
  prepared_ = true;
}

void Quarantine::publish() {
  if (!prepared_) return;
  durableRename(partialPath(), finalPath());
}

void Quarantine::discard() {
  if (!file_ && !prepared_) return;
  file_.reset();
  prepared_ = false;
  std::error_code ec;
  std::filesystem::remove(pathFromUtf8(partialPath()), ec);
}

long Quarantine::partialRunId(std::string_view file, std::string_view job) {
  // "." job "-" digits suffix, nothing else: a prefix match let job "a" take "a-b"'s files.
  const std::size_t head = job.size() + 2;
  if (file.size() <= head + kPartialSuffix.size() || file[0] != '.' ||
      file.compare(1, job.size(), job) != 0 || file[job.size() + 1] != '-' ||
      !file.ends_with(kPartialSuffix))
    return 0;
  const std::string_view digits = file.substr(head, file.size() - head - kPartialSuffix.size());
  if (digits.size() > 18) return 0;
  long id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

void Quarantine::recoverAbandoned(const std::string& directory, const std::string& job,
                                  StateStore& store) {
  std::error_code ec;
  if (!std::filesystem::is_directory(pathFromUtf8(directory), ec)) return;
  for (const auto& entry : std::filesystem::directory_iterator(pathFromUtf8(directory), ec)) {
    const std::string file = entry.path().filename().string();
    const long runId = partialRunId(file, job);
    if (runId <= 0) continue;
    if (store.runCommitted(job, runId)) {
      const std::string runName = file.substr(1, file.size() - 1 - kPartialSuffix.size());
      durableRename(entry.path().string(), joinUtf8(directory, runName + ".csv"));
    } else {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace brobyg::state
