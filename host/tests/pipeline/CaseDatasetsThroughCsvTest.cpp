// case_measure and case_event golden cases as a municipality's case system delivers them: a
// vendor export (its own column names, delimiter, date format and words) read by the real csv
// plugin through a column mapping, run by the real job runner, packed, delivered to a folder and
// opened again. The rows are those of golden/case_measure and golden/case_event (every
// crosswalk row in both laws, the text shapes, unrecognised text, invalid dates, end before
// start) in the same order, so the datasets in the package must equal those golden files byte
// for byte; the project key (all zero), project id and source id are the ones CaseGoldenTest
// uses. What the plugin and the host rejected is compared with golden/through_csv/<dataset>/
// (BROBYG_UPDATE_GOLDEN=1 rewrites only those), and the XML validates with xmllint --schema.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "GoldenSupport.h"
#include "TempDir.h"
#include "TestKeys.h"
#include "config/ConfigLoader.h"
#include "package/Packager.h"
#include "pipeline/JobRunner.h"
#include "plugin/PluginRegistry.h"
#include "util/AtomicFile.h"

namespace brobyg {
namespace {

namespace fs = std::filesystem;

const std::string kSource = BROBYG_SOURCE_DIR;
const std::string kGolden = kSource + "/host/tests/pipeline/golden/";

// One vendor export: the file as the case system names it, and the csv source's settings
// (everything inside <source> but the directory) that map its columns to the dataset.
struct VendorExport {
  std::string dataset;
  std::string file;
  std::string settings;
};

const VendorExport kCaseMeasure{"case_measure", "sager.csv", R"(
    <setting key="date_format">dd-mm-yyyy</setting>
    <map key="column">
      <entry key="person">CPR-nr</entry>
      <entry key="municipality">Kommunenr</entry>
      <entry key="legal_basis">Lovgrundlag</entry>
      <entry key="placement_type">Anbringelsestype</entry>
      <entry key="start">Startdato</entry>
      <entry key="end">Slutdato</entry>
    </map>)"};

const VendorExport kCaseEvent{"case_event", "haendelser.csv", R"(
    <setting key="delimiter">\t</setting>
    <setting key="date_format">dd.mm.yyyy</setting>
    <map key="column">
      <entry key="person">Personnummer</entry>
      <entry key="municipality">Kommune</entry>
      <entry key="kind">Hændelse</entry>
      <entry key="date">Dato</entry>
    </map>
    <map key="value">
      <entry key="kind.Underretning">notification</entry>
      <entry key="kind.Undersøgelse påbegyndt">investigation_start</entry>
      <entry key="kind.Undersøgelse afsluttet">investigation_end</entry>
    </map>)"};

// Used for xmllint only, a Linux program here.
#ifndef _WIN32
void shell(const std::string& command) {
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}
#endif

// The golden files of the direct normaliser run (CaseGoldenTest) are never rewritten here.
void expectFile(const std::string& path, const std::string& actual) {
  EXPECT_EQ(readFile(path), actual) << path;
}

class CaseDatasetsThroughCsv : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root / "export");
    test::writeTestKeys(root / "keys", '0');
  }

  std::string configXml(const VendorExport& vendor) const {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service>
    <state-directory>state</state-directory>
    <plugin-directory>)" +
           fs::absolute(BROBYG_PLUGIN_DIR).string() + R"(</plugin-directory>
  </service>
  <producer municipality="0101" name="Test Kommune">
    <signing-certificate>keys/municipality.crt</signing-certificate>
    <signing-key>keys/municipality.key</signing-key>
  </producer>
  <project id="golden" key-file="keys/project.key"/>
  <recipient id="evaluator" certificate="keys/evaluator.crt"/>
  <source id="golden-source" plugin="csv">
    <setting key="directory">)" +
           (root / "export").string() + R"(</setting>
    <setting key="min_file_age">0s</setting>)" +
           vendor.settings + R"(
  </source>
  <destination id="drop" plugin="folder">
    <setting key="directory">)" +
           (root / "drop").string() + R"(</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <job id="cases" project="golden" destination="drop">
    <legal-basis agreement="TEST-1" expires="2099-12-31" datasets=")" +
           vendor.dataset + R"(">test</legal-basis>
    <dataset name=")" +
           vendor.dataset +
           R"(" source="golden-source"/>
    <recipient ref="evaluator"/>
    <output formats="csv xml" compression="1"/>
  </job>
</brobyg>
)";
  }

  // Runs the vendor's export through the job runner and checks the opened package and the
  // quarantine against the golden files.
  void runExport(const VendorExport& vendor) {
    const std::string own = kGolden + "through_csv/" + vendor.dataset + "/";
    fs::copy_file(own + vendor.file, root / "export" / vendor.file);
    writeFileAtomically((root / "brobyg.xml").string(), configXml(vendor));

    config::Config config = config::loadConfig((root / "brobyg.xml").string());
    plugin::PluginRegistry registry(config.pluginDirectory());
    pipeline::RunResult result = pipeline::JobRunner(config, registry).runOnce("cases");
    ASSERT_TRUE(result.staged()) << result.summary.status << ": " << result.summary.message;
    EXPECT_TRUE(result.delivered()) << result.deliveryError;

    package::OpenedPackage opened =
        test::openWithTestKeys(root, result.packagePath, root / "opened");

    const std::string shared = kGolden + vendor.dataset + "/";
    const fs::path xml = root / "opened" / (vendor.dataset + ".xml");
    expectFile(shared + vendor.dataset + ".csv",
               readFile((root / "opened" / (vendor.dataset + ".csv")).string()));
    expectFile(shared + vendor.dataset + ".xml", readFile(xml.string()));
    std::ostringstream counts;
    for (const pipeline::RunCount& c : result.counts) counts << c.name << ": " << c.rows << "\n";
    expectFile(shared + "counts.txt", counts.str());

    std::ostringstream summary;
    summary << "rows read: " << result.summary.rowsRead << "\n"
            << "rows written: " << result.summary.rowsWritten << "\n"
            << "rows rejected: " << result.summary.rowsRejected << "\n"
            << "period: " << opened.manifest.periodFrom << " " << opened.manifest.periodTo << "\n";
    EXPECT_EQ(test::compareGolden(own + "summary.txt", summary.str()), "");
    ASSERT_FALSE(result.quarantinePath.empty()) << "every export holds bad rows";
    EXPECT_EQ(test::compareGolden(own + "quarantine.csv", readFile(result.quarantinePath)), "");

    // xmllint is a Linux program here.
#ifndef _WIN32
    shell("xmllint --noout --nonet --schema '" + kSource + "/schemas/" + vendor.dataset +
          ".xsd' '" + xml.string() + "'");
#endif
  }

  test::TempDir dir;
  fs::path root = dir.path();
};

TEST_F(CaseDatasetsThroughCsv, CaseMeasure) {
  runExport(kCaseMeasure);
}

TEST_F(CaseDatasetsThroughCsv, CaseEvent) {
  runExport(kCaseEvent);
}

}  // namespace
}  // namespace brobyg
