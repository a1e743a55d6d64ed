// The risk report of real packages (csv plugin → job runner → folder → openPackage), checked
// against a naive count written here over the dataset file the package itself carries; and a
// job that enforces k: refused as shipped, staged once its generalisation reaches k, with
// generalised values that still pass the dataset's XSD.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "TempDir.h"
#include "TestKeys.h"
#include "config/ConfigLoader.h"
#include "package/Packager.h"
#include "pipeline/JobRunner.h"
#include "pipeline/stages/Prepare.h"
#include "plugin/PluginRegistry.h"
#include "util/AtomicFile.h"

namespace brobyg {
namespace {

namespace fs = std::filesystem;

using test::readAll;

// Lines without CRLF, fields split on commas outside double quotes.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        fields.emplace_back();
      else
        fields.back() += c;
    }
    rows.push_back(fields);
  }
  return rows;
}

// A synthetic pupil: day, month and year of birth and the sex digit from `p`; 80 pupils over
// two birth years, two sexes, one grade per birth year; pupils 0-75 at four schools, 76-79
// alone at a fifth, so that only a coarser school makes their classes big enough.
std::string cpr(int p) {
  char text[11];
  std::snprintf(text, sizeof text, "%02d%02d%02d%04d", 1 + p % 28, 1 + p % 12, 12 + p % 2,
                4000 + p * 2 + (p / 2) % 2);
  return text;
}

std::string exportRows(int firstDay, int days) {
  std::string csv = "cpr;kommune;skole;klasse;dato;type\n";
  for (int p = 0; p < 80; ++p)
    for (int d = firstDay; d < firstDay + days; ++d) {
      char date[11];
      std::snprintf(date, sizeof date, "2025-09-%02d", d);
      csv += cpr(p) + ";0101;10100" + std::to_string(p < 76 ? p % 4 : 9) + ";" +
             std::to_string(p % 2 ? 6 : 7) + ";" + date + ";sick\n";
    }
  return csv;
}

struct Figures {
  std::uint64_t classes = 0, smallest = 0, recordsBelowK = 0, personsBelowK = 0;
};

// Independent of the product: group the shipped rows by hand.
Figures naive(const std::vector<std::vector<std::string>>& dataset, unsigned k, bool year,
              bool municipality) {
  const std::vector<std::string>& header = dataset.front();
  auto at = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t person = at("person"), month = at("birth_month"), sex = at("sex"),
                    kommune = at("municipality"), school = at("school"), grade = at("grade");
  std::map<std::vector<std::string>, std::set<std::string>> persons;
  std::map<std::vector<std::string>, std::uint64_t> records;
  for (std::size_t i = 1; i < dataset.size(); ++i) {
    const auto& r = dataset[i];
    std::vector<std::string> key{year ? r[month].substr(0, 4) : r[month], r[sex], r[kommune],
                                 municipality ? "" : r[school], r[grade]};
    persons[key].insert(r[person]);
    ++records[key];
  }
  Figures f;
  f.classes = persons.size();
  std::set<std::string> exposed;
  for (const auto& [key, who] : persons) {
    if (f.smallest == 0 || who.size() < f.smallest) f.smallest = who.size();
    if (who.size() < k) {
      f.recordsBelowK += records[key];
      exposed.insert(who.begin(), who.end());
    }
  }
  f.personsBelowK = exposed.size();
  return f;
}

class RiskReport : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root / "export");
    test::writeTestKeys(root / "keys", '5');
  }

  void writeConfig(const std::string& risk) {
    writeFileAtomically((root / "brobyg.xml").string(), R"(<?xml version="1.0" encoding="UTF-8"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service>
    <state-directory>state</state-directory>
    <plugin-directory>)" + fs::absolute(BROBYG_PLUGIN_DIR).string() +
                                                            R"(</plugin-directory>
  </service>
  <producer municipality="0101" name="Test Kommune">
    <signing-certificate>keys/municipality.crt</signing-certificate>
    <signing-key>keys/municipality.key</signing-key>
  </producer>
  <project id="test-project" key-file="keys/project.key"/>
  <recipient id="evaluator" certificate="keys/evaluator.crt"/>
  <source id="skole" plugin="csv">
    <setting key="directory">)" + (root / "export").string() +
                                                            R"(</setting>
    <setting key="min_file_age">0s</setting>
    <map key="column">
      <entry key="person">cpr</entry>
      <entry key="municipality">kommune</entry>
      <entry key="school">skole</entry>
      <entry key="grade">klasse</entry>
      <entry key="date">dato</entry>
      <entry key="category">type</entry>
    </map>
  </source>
  <destination id="drop" plugin="folder">
    <setting key="directory">)" + (root / "drop").string() + R"(</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <job id="fravaer" project="test-project" destination="drop">
    <legal-basis agreement="TEST-1" expires="2099-12-31" datasets="absence_event">t</legal-basis>
    <dataset name="absence_event" source="skole"/>
    <recipient ref="evaluator"/>
    <output formats="csv xml" compression="1"/>
    )" + risk + R"(
  </job>
</brobyg>
)");
  }

  pipeline::RunResult run() {
    config::Config config = config::loadConfig((root / "brobyg.xml").string());
    plugin::PluginRegistry registry(config.pluginDirectory());
    return pipeline::JobRunner(config, registry).runOnce("fravaer");
  }

  fs::path open(const pipeline::RunResult& result) {
    const fs::path out = root / ("opened-" + result.summary.packageId);
    const package::OpenedPackage opened = test::openWithTestKeys(root, result.packagePath, out);
    EXPECT_EQ(opened.manifest.reports.size(), 2u);
    return out;
  }

  // Every line of risk_report.csv equals the naive count over the package's own dataset.
  void expectReportMatchesDataset(const fs::path& opened, unsigned k, std::size_t groupings) {
    const auto dataset = parseCsv(readAll(opened / "absence_event.csv"));
    const auto report = parseCsv(readAll(opened / "risk_report.csv"));
    ASSERT_EQ(report.size(), 1 + groupings);
    EXPECT_EQ(report[0][2], "generalisation");
    for (std::size_t i = 1; i < report.size(); ++i) {
      const auto& line = report[i];
      const std::string g = line[2];
      const Figures want = naive(dataset, k, g.find("birth_year") != std::string::npos,
                                 g.find("municipality") != std::string::npos);
      EXPECT_EQ(line[0], "absence_event");
      EXPECT_EQ(line[4], std::to_string(k));
      EXPECT_EQ(line[5], std::to_string(dataset.size() - 1)) << g;
      EXPECT_EQ(line[7], std::to_string(want.classes)) << g;
      EXPECT_EQ(line[8], std::to_string(want.smallest)) << g;
      EXPECT_EQ(line[9], std::to_string(want.recordsBelowK)) << g;
      EXPECT_EQ(line[11], std::to_string(want.personsBelowK)) << g;
    }
  }

  static bool xmllintAccepts(const fs::path& xml, const char* schema) {
    const std::string command = "xmllint --noout --schema " BROBYG_SOURCE_DIR "/schemas/" +
                                std::string(schema) + " '" + xml.string() + "' 2>/dev/null";
    return std::system(command.c_str()) == 0;
  }

  test::TempDir dir;
  fs::path root = dir.path();
};

TEST_F(RiskReport, EveryPackageCarriesOneThatANaiveCountConfirms) {
  writeConfig(R"(<risk k="3"/>)");
  writeFileAtomically((root / "export" / "a.csv").string(), exportRows(1, 3));
  const pipeline::RunResult first = run();
  ASSERT_TRUE(first.staged()) << first.summary.message;
  const fs::path opened = open(first);
  expectReportMatchesDataset(opened, 3, 4);
  // xmllint is a Linux program here.
#ifndef _WIN32
  EXPECT_TRUE(xmllintAccepts(opened / "risk_report.xml", "risk_report.xsd"));
#endif
  const std::string xml = readAll(opened / "risk_report.xml");
  EXPECT_NE(xml.find("generalisation=\"none\""), std::string::npos) << xml;
  for (int p = 0; p < 80; ++p) EXPECT_EQ(xml.find(cpr(p)), std::string::npos);

  // A cumulative export: the rows sent before are dropped, and do not count either.
  writeFileAtomically((root / "export" / "b.csv").string(), exportRows(1, 5));
  const pipeline::RunResult second = run();
  ASSERT_TRUE(second.staged()) << second.summary.message;
  EXPECT_EQ(second.summary.rowsDuplicate, 240u);
  const fs::path again = open(second);
  expectReportMatchesDataset(again, 3, 4);
  EXPECT_EQ(parseCsv(readAll(again / "absence_event.csv")).size(), 1u + 160u);
}

TEST_F(RiskReport, AnEnforcedKRefusesUntilAGeneralisationReachesIt) {
  writeConfig(R"(<risk k="3" enforce="true"/>)");
  writeFileAtomically((root / "export" / "a.csv").string(), exportRows(1, 2));
  try {
    run();
    ADD_FAILURE() << "a job below its enforced k staged a package";
  } catch (const pipeline::JobRefused& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("below the k of 3"), std::string::npos) << message;
    EXPECT_NE(message.find("generalisation municipality would reach it"), std::string::npos)
        << message;
  }
  EXPECT_TRUE(!fs::exists(root / "drop") || fs::is_empty(root / "drop"));

  // Nothing was committed: the same rows, generalised, now reach k and ship.
  writeConfig(R"(<risk k="3" enforce="true" generalise="birth_year,municipality"/>)");
  const pipeline::RunResult result = run();
  ASSERT_TRUE(result.staged()) << result.summary.message;
  EXPECT_EQ(result.summary.rowsWritten, 160u);
  const fs::path opened = open(result);
  expectReportMatchesDataset(opened, 3, 1);
  const auto dataset = parseCsv(readAll(opened / "absence_event.csv"));
  for (std::size_t i = 1; i < dataset.size(); ++i) {
    EXPECT_EQ(dataset[i][1].size(), 4u) << "birth year only";
    EXPECT_EQ(dataset[i][5], "") << "no school";
  }
  // xmllint is a Linux program here.
#ifndef _WIN32
  EXPECT_TRUE(xmllintAccepts(opened / "absence_event.xml", "absence_event.xsd"));
  EXPECT_TRUE(xmllintAccepts(opened / "risk_report.xml", "risk_report.xsd"));
#endif
}

}  // namespace
}  // namespace brobyg
