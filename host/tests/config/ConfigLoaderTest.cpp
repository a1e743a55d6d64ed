#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/ConfigLoader.h"

namespace fs = std::filesystem;
using namespace brobyg::config;

namespace {

std::string writeTemp(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-config-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / name;
  std::ofstream(file) << content;
  return file.string();
}

// A path as the loader resolves it on this platform: absolute and normalised, in the
// platform's spelling (on Windows a drive letter and backslashes).
std::string resolved(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

bool mentions(const std::vector<Problem>& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

std::string dump(const std::vector<Problem>& problems) {
  return formatProblems("cfg", problems);
}

}  // namespace

TEST(ConfigLoader, ReadsTheExampleConfiguration) {
  Config c = loadConfig(std::string(BROBYG_SOURCE_DIR) + "/config/brobyg.example.xml");
  EXPECT_EQ(c.producer.municipality, "101") << "canonical 3-digit form";
  EXPECT_EQ(c.service.stateDirectory, resolved(BROBYG_SOURCE_DIR "/config/state"));
  ASSERT_EQ(c.projects.size(), 1u);
  EXPECT_EQ(c.projects[0].keyFile, resolved(BROBYG_SOURCE_DIR "/config/keys/project.key"));
  // the school system's absences and enrolments (csv, twice), the case system (sql, twice),
  // the school system's results (csv)
  ASSERT_EQ(c.sources.size(), 5u);
  EXPECT_EQ(c.sources[0].plugin, "csv");
  EXPECT_EQ(c.sources[1].id, "elevregister");
  EXPECT_EQ(c.sources[1].plugin, "csv");
  EXPECT_EQ(c.sources[2].plugin, "sql");
  bool mapped = false;
  for (const auto& s : c.sources[0].settings)
    mapped |= s.key == "value.category.Ekstraordinær frihed" && s.value == "authorised";
  EXPECT_TRUE(mapped);
  ASSERT_EQ(c.jobs.size(), 2u) << "the evaluation job and an aggregates-only one";
  EXPECT_TRUE(c.jobs[1].legalBasis.aggregatesOnly);
  EXPECT_TRUE(c.jobs[1].ships("absence_aggregate"));
  EXPECT_FALSE(c.jobs[1].ships("absence_event"));
  EXPECT_EQ(c.jobs[0].recipients, (std::vector<std::string>{"vive", "vive-backup"}));
  EXPECT_EQ(c.jobs[0].formats, (std::vector<std::string>{"csv", "xml"}));
  EXPECT_EQ(c.jobs[0].workers, 2) << "two threads unless the job says otherwise";
  EXPECT_EQ(
      c.jobs[0].legalBasis.datasets,
      (std::vector<std::string>{"absence_event", "enrolment", "absence_summary", "case_measure",
                                "case_event", "person_period", "school_outcome"}));
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
TEST(ConfigLoader, ExampleConfigurationIsValidAgainstTheSchema) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "no xmllint";
  std::string cmd = "xmllint --noout --schema " + std::string(BROBYG_SOURCE_DIR) +
                    "/schemas/config.xsd " + BROBYG_SOURCE_DIR + "/config/brobyg.example.xml";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}
#endif

TEST(ConfigLoader, ReportsEveryProblemWithItsLine) {
  std::string path = writeTemp("broken.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>state</state-directory></service>
  <producer municipality="12" name="X">
    <signing-certificate>a.crt</signing-certificate>
  </producer>
  <project id="p" key-file="k"/>
  <project id="p" key-file="k2"/>
  <recipient id="r" certificate="r.crt" colour="blue"/>
  <source id="s" plugin="csv"><setting>no key</setting></source>
  <destination id="d" plugin="folder"/>
  <job id="j" project="nope" destination="d">
    <legal-basis agreement="A" expires="2030-02-30x" datasets="absence_event"/>
    <dataset name="absence_event" source="missing"/>
    <dataset name="no_such_dataset" source="s"/>
    <recipient ref="r"/>
    <output formats="csv pdf" compression="11" workers="3"/>
  </job>
  <surprise/>
</brobyg>
)");
  std::vector<Problem> problems;
  parseConfig(path, problems);
  EXPECT_TRUE(mentions(problems, 4, "3 or 4 digit kommunekode")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 4, "needs <signing-key>")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 8, "project id 'p' is used twice")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 9, "unknown attribute 'colour'")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 10, "needs the attribute 'key'")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 12, "no <project id=\"nope\">")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 13, "must be a date")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 14, "no <source id=\"missing\">")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 15, "unknown dataset 'no_such_dataset'")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 15, "not allowed by legal basis")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 17, "takes csv and/or xml")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 17, "0 (store) to 9")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 17, "<output workers> must be 1")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 19, "unknown element <surprise>")) << dump(problems);
  EXPECT_THROW(loadConfig(path), ConfigError);
}

TEST(ConfigLoader, OutputWorkersOneIsOneThread) {
  std::string xml;
  {
    std::ifstream in(std::string(BROBYG_SOURCE_DIR) + "/config/brobyg.example.xml");
    xml.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string output = "<output formats=\"csv xml\" compression=\"6\"/>";
  ASSERT_NE(xml.find(output), std::string::npos);
  xml.replace(xml.find(output), output.size(),
              "<output formats=\"csv\" compression=\"1\" workers=\"1\"/>");
  std::vector<Problem> problems;
  const Config c = parseConfig(writeTemp("workers.xml", xml), problems);
  ASSERT_EQ(c.jobs.size(), 2u) << dump(problems);
  EXPECT_EQ(c.jobs[0].workers, 1);
  EXPECT_EQ(c.jobs[0].compression, 1);
}

TEST(ConfigLoader, MalformedXmlNamesTheLine) {
  std::string path =
      writeTemp("malformed.xml", "<brobyg xmlns=\"urn:brobyg:config:1\">\n<service>\n</brobyg>\n");
  std::vector<Problem> problems;
  parseConfig(path, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(problems[0].message.find("not well-formed"), std::string::npos);
}

TEST(ConfigLoader, MissingFileIsAClearError) {
  try {
    loadConfig("/nonexistent/brobyg.xml");
    FAIL();
  } catch (const brobyg::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/brobyg.xml"), std::string::npos);
  }
}

TEST(ConfigLoader, ScheduleAndLogLevelAreChecked) {
  std::string path = writeTemp("schedule.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory><log-level>chatty</log-level></service>
  <job id="j" project="p" destination="d" schedule="daily"/>
</brobyg>
)");
  std::vector<Problem> problems;
  parseConfig(path, problems);
  EXPECT_TRUE(mentions(problems, 3, "<log-level> must be")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 4, "<job schedule> must be a duration")) << dump(problems);
}

TEST(ConfigLoader, RiskSettingsAreReadAndCheckedNamingTheLine) {
  std::string path = writeTemp("risk.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory></service>
  <job id="a" project="p" destination="d"><risk k="7" enforce="true" generalise="birth_year,municipality"/></job>
  <job id="b" project="p" destination="d"><risk k="1" enforce="yes" generalise="school"/></job>
  <job id="c" project="p" destination="d"/>
</brobyg>
)");
  std::vector<Problem> problems;
  Config config = parseConfig(path, problems);
  EXPECT_TRUE(mentions(problems, 5, "<risk k> must be a whole number from 2")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 5, "<risk enforce> must be true or false")) << dump(problems);
  EXPECT_TRUE(mentions(problems, 5, "<risk generalise>: unknown generalisation 'school'"))
      << dump(problems);
  EXPECT_FALSE(mentions(problems, 4, "<risk")) << dump(problems);
  ASSERT_EQ(config.jobs.size(), 3u);
  EXPECT_EQ(config.jobs[0].risk.k, 7u);
  EXPECT_TRUE(config.jobs[0].risk.enforce);
  EXPECT_EQ(config.jobs[0].risk.generalisation, (brobyg::risk::Generalisation{true, true}));
  EXPECT_EQ(config.jobs[2].risk.k, 5u) << "the default";
  EXPECT_FALSE(config.jobs[2].risk.enforce);
  EXPECT_EQ(config.jobs[2].risk.generalisation, brobyg::risk::Generalisation{});
}

TEST(ConfigLoader, TheAdminApiListensOnLoopbackOnly) {
  std::string path = writeTemp("admin.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory>
    <admin listen="0.0.0.0:8470" token-file="t"/></service>
</brobyg>
)");
  std::vector<Problem> problems;
  parseConfig(path, problems);
  EXPECT_TRUE(mentions(problems, 4, "must be a loopback address")) << dump(problems);
}

TEST(ConfigLoader, RetentionDefaultsAndSettings) {
  std::string path = writeTemp("retention.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory>
    <retention quarantine="30d" delivered-packages="keep"/></service>
  <bad/>
</brobyg>
)");
  std::vector<Problem> problems;
  Config c = parseConfig(path, problems);
  EXPECT_EQ(c.service.quarantineRetentionSeconds, 30 * 86400);
  EXPECT_EQ(c.service.deliveredRetentionSeconds, 0);
  EXPECT_EQ(Config{}.service.quarantineRetentionSeconds, 90 * 86400) << "private by default";

  std::string broken = writeTemp("retention-bad.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory>
    <retention quarantine="forever"/></service>
</brobyg>
)");
  problems.clear();
  parseConfig(broken, problems);
  EXPECT_TRUE(mentions(problems, 4, "<retention quarantine> must be a duration")) << dump(problems);
}

TEST(ConfigLoader, SyslogIsReadAndItsFacilityChecked) {
  std::string path = writeTemp("syslog.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory><syslog facility="local9"/></service>
</brobyg>
)");
  std::vector<Problem> problems;
  parseConfig(path, problems);
  EXPECT_TRUE(mentions(problems, 3, "<syslog facility> must be")) << dump(problems);
  path = writeTemp("syslog2.xml", R"(<?xml version="1.0"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory><syslog/></service>
</brobyg>
)");
  problems.clear();
  Config good = parseConfig(path, problems);
  EXPECT_FALSE(mentions(problems, 3, "syslog")) << dump(problems);
  EXPECT_TRUE(good.service.syslog);
  EXPECT_EQ(good.service.syslogFacility, "daemon");
  EXPECT_FALSE(Config{}.service.syslog) << "off unless configured";
}
