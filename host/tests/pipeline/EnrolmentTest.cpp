// The enrolment dataset as a school system exports it, through the real csv plugin, job runner,
// folder destination and openPackage: the spells kept, the rows rejected by field (never by
// value), the XML valid against schemas/enrolment.xsd, and the dataset in the risk report.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

using test::readAll;

std::string configXml(const fs::path& root) {
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
  <source id="indskrivning" plugin="csv">
    <setting key="directory">)" +
         (root / "export").string() + R"(</setting>
    <setting key="min_file_age">0s</setting>
    <setting key="date_format">dd-mm-yyyy</setting>
    <map key="column">
      <entry key="person">CPR</entry>
      <entry key="municipality">Kommune</entry>
      <entry key="school">Skole</entry>
      <entry key="grade">Klassetrin</entry>
      <entry key="start">Fra</entry>
      <entry key="end">Til</entry>
    </map>
  </source>
  <destination id="drop" plugin="folder">
    <setting key="directory">)" +
         (root / "drop").string() + R"(</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <job id="indskrivning" project="test-project" destination="drop">
    <legal-basis agreement="TEST-1" expires="2099-12-31" datasets="enrolment">t</legal-basis>
    <dataset name="enrolment" source="indskrivning"/>
    <recipient ref="evaluator"/>
    <output formats="csv xml" compression="1"/>
  </job>
</brobyg>
)";
}

TEST(Enrolment, SpellsThroughTheCsvPluginIntoAPackage) {
  test::TempDir dir;
  const fs::path root = dir.path();
  fs::create_directories(root / "export");
  test::writeTestKeys(root / "keys", '3');
  writeFileAtomically((root / "brobyg.xml").string(), configXml(root));
  writeFileAtomically((root / "export" / "indskrivning.csv").string(),
                      "CPR;Kommune;Skole;Klassetrin;Fra;Til\n"
                      "1503154628;0101;101001;4;11-08-2025;31-01-2026\n"  // changes school
                      "1503154628;0101;101002;4;01-02-2026;\n"            // still there
                      "2207129873;101;101002;6;11-08-2025;10-08-2025\n"   // ends before start
                      "2207129873;101;101002;11;11-08-2025;\n"            // no grade 11
                      "0101804321;101;101002;6;11-08-2025;\n");           // 45: not a pupil
  config::Config config = config::loadConfig((root / "brobyg.xml").string());
  plugin::PluginRegistry registry(config.pluginDirectory());
  const pipeline::RunResult result = pipeline::JobRunner(config, registry).runOnce("indskrivning");
  ASSERT_TRUE(result.staged()) << result.summary.message;
  EXPECT_EQ(result.summary.rowsWritten, 2u);
  EXPECT_EQ(result.summary.rowsRejected, 3u);

  std::string rejects;
  for (const auto& entry : fs::recursive_directory_iterator(root / "state" / "quarantine"))
    if (entry.is_regular_file()) rejects += readAll(entry.path());
  EXPECT_NE(rejects.find("end: before start"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("grade"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("not a child"), std::string::npos) << rejects;

  const package::OpenedPackage opened =
      test::openWithTestKeys(root, result.packagePath, root / "opened");
  EXPECT_EQ(opened.manifest.periodFrom, "2025-08-11");
  EXPECT_EQ(opened.manifest.periodTo, "2026-02-01");

  const std::string csv = readAll(root / "opened" / "enrolment.csv");
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "person,birth_month,sex,age,municipality,school,grade,start,end,source");
  EXPECT_NE(csv.find(",2015-03,female,10,101,101001,4,2025-08-11,2026-01-31,indskrivning\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",2015-03,female,10,101,101002,4,2026-02-01,,indskrivning\r\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("1503154628"), std::string::npos);
  // xmllint is a Linux program here.
#ifndef _WIN32
  const std::string lint = "xmllint --noout --schema " BROBYG_SOURCE_DIR
                           "/schemas/enrolment.xsd '" +
                           (root / "opened" / "enrolment.xml").string() + "' 2>/dev/null";
  EXPECT_EQ(std::system(lint.c_str()), 0) << lint;
#endif
  EXPECT_NE(readAll(root / "opened" / "risk_report.csv").find("enrolment,"), std::string::npos);
  EXPECT_NE(readAll(root / "opened" / "codebook.csv").find("enrolment"), std::string::npos);
}

}  // namespace
}  // namespace brobyg
