// A dataset declared only here (a spec and one row rule, no normaliser code, no XSD or codebook
// entry in schemas/) runs end to end through the real job runner: the real csv plugin reads a
// file, the spec-driven normaliser checks and pseudonymises it, and the package that reaches
// the folder destination opens with its dataset and codebook. docs/adding-a-dataset.md walks
// through the same steps.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "TempDir.h"
#include "TestKeys.h"
#include "config/ConfigLoader.h"
#include "dataset/DatasetSpec.h"
#include "package/Packager.h"
#include "pipeline/JobRunner.h"
#include "plugin/PluginRegistry.h"
#include "util/AtomicFile.h"

namespace brobyg {
namespace {

namespace fs = std::filesystem;
using namespace dataset;

// The dataset's only code: a move is between two schools.
const char* schoolsDiffer(RuleRow& row) {
  return row.in(0) == row.in(1) ? "to_school: same as from_school" : nullptr;
}

const DatasetSpec& schoolMove() {
  static const DatasetSpec& spec = [] {
    DatasetDeclaration d;
    d.name = "school_move";
    d.xmlRecord = "move";
    d.inputs = {
        {"person", FieldKind::Person, true, "", 0, 0, false, "CPR number of the pupil", "", ""},
        {"municipality", FieldKind::Municipality, true, "", 0, 0, false, "kommunekode", "", ""},
        {"from_school", FieldKind::Institution, true, "", 0, 0, false, "school left", "", ""},
        {"to_school", FieldKind::Institution, true, "", 0, 0, false, "school joined", "", ""},
        {"date", FieldKind::Date, true, "", 0, 0, true, "date of the move", "", ""},
    };
    auto column = [](const char* name, ColumnType type, Origin origin, const char* from,
                     const char* codeList, const char* description) {
      return OutputColumn{name, type, true, origin, from, codeList, description, ""};
    };
    d.outputs = {
        column("person", ColumnType::Pseudonym, Origin::Pseudonym, "", "", "pseudonym"),
        column("birth_month", ColumnType::YearMonth, Origin::BirthMonth, "", "", "birth month"),
        column("sex", ColumnType::Code, Origin::Sex, "", "sex", "sex"),
        column("age", ColumnType::Int, Origin::Age, "date", "", "age on the date of the move"),
        column("municipality", ColumnType::Text, Origin::Input, "municipality", "", "kommunekode"),
        column("from_school", ColumnType::Text, Origin::Input, "from_school", "", "school left"),
        column("to_school", ColumnType::Text, Origin::Input, "to_school", "", "school joined"),
        column("date", ColumnType::Date, Origin::Input, "date", "", "date of the move"),
        column("source", ColumnType::Text, Origin::SourceId, "", "", "source instance"),
    };
    d.periodColumns = {"date"};
    d.rules = {{"schools_differ", {"from_school", "to_school"}, {}, {}, schoolsDiffer, {}, {}}};
    return std::ref(registerDataset(std::move(d)));
  }();
  return spec;
}

class DeclaredDataset : public ::testing::Test {
 protected:
  void SetUp() override {
    schoolMove();
    fs::create_directories(root / "export");
    test::writeTestKeys(root / "keys", '7');
    writeFileAtomically((root / "export" / "moves.csv").string(),
                        "cpr;kommune;fra;til;dato\n"
                        "1503154628;0101;101001;101002;2025-08-15\n"
                        "2207129873;101;101002;101002;2025-09-01\n"
                        "2207129873;101;101003;101004;2025-09-31\n"
                        "2207129873;101;101003;101004;2025-10-01\n");
    writeFileAtomically((root / "brobyg.xml").string(), configXml());
  }

  std::string configXml() const {
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
  <project id="test-project" key-file="keys/project.key"/>
  <recipient id="evaluator" certificate="keys/evaluator.crt"/>
  <source id="moves" plugin="csv">
    <setting key="directory">)" +
           (root / "export").string() + R"(</setting>
    <setting key="min_file_age">0s</setting>
    <map key="column">
      <entry key="person">cpr</entry>
      <entry key="municipality">kommune</entry>
      <entry key="from_school">fra</entry>
      <entry key="to_school">til</entry>
      <entry key="date">dato</entry>
    </map>
  </source>
  <destination id="drop" plugin="folder">
    <setting key="directory">)" +
           (root / "drop").string() + R"(</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <job id="moves" project="test-project" destination="drop">
    <legal-basis agreement="TEST-1" expires="2099-12-31" datasets="school_move">test</legal-basis>
    <dataset name="school_move" source="moves"/>
    <recipient ref="evaluator"/>
    <output formats="csv xml" compression="1"/>
  </job>
</brobyg>
)";
  }

  test::TempDir dir;
  fs::path root = dir.path();
};

TEST_F(DeclaredDataset, RunsEndToEndThroughTheJobRunner) {
  config::Config config = config::loadConfig((root / "brobyg.xml").string());
  plugin::PluginRegistry registry(config.pluginDirectory());
  pipeline::RunResult result = pipeline::JobRunner(config, registry).runOnce("moves");
  ASSERT_TRUE(result.staged()) << result.summary.status << ": " << result.summary.message
                               << " read " << result.summary.rowsRead << " rejected "
                               << result.summary.rowsRejected << " not ready "
                               << result.sourceNotReady << " " << result.quarantinePath;
  EXPECT_TRUE(result.delivered()) << result.deliveryError;
  EXPECT_EQ(result.summary.rowsRead, 4u);
  EXPECT_EQ(result.summary.rowsWritten, 2u);
  EXPECT_EQ(result.summary.rowsRejected, 2u) << "the rule's row and the plugin's bad date";

  package::OpenedPackage opened = test::openWithTestKeys(root, result.packagePath, root / "opened");
  EXPECT_EQ(opened.manifest.periodFrom, "2025-08-15");
  EXPECT_EQ(opened.manifest.periodTo, "2025-10-01");
  EXPECT_EQ(opened.manifest.codebooks.size(), 3u);

  const std::string csv = readFile((root / "opened" / "school_move.csv").string());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "person,birth_month,sex,age,municipality,from_school,to_school,date,source");
  EXPECT_NE(csv.find(",2015-03,female,10,101,101001,101002,2025-08-15,moves"), std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("1503154628"), std::string::npos) << "no CPR number leaves";
  const std::string xml = readFile((root / "opened" / "school_move.xml").string());
  EXPECT_NE(xml.find("<school_moves xmlns=\"urn:brobyg:dataset:school_move:1\""),
            std::string::npos);
  EXPECT_NE(xml.find("<move><person>"), std::string::npos);
  for (const char* name : {"codebook.xml", "codebook.csv", "codebook.html"})
    EXPECT_TRUE(fs::exists(root / "opened" / name)) << name;
  EXPECT_NE(readFile((root / "opened" / "codebook.csv").string()).find("school_move"),
            std::string::npos);
}

}  // namespace
}  // namespace brobyg
