// The sql plugin's database password, given as a secret from a private file, appears in no
// output: `brobyg check`, `brobyg plugins --describe`, `brobyg run` (a good run and one the
// database refuses), the log file, the state folder (state database, cursors, quarantine) and
// the drop folder. Runs the real binary against the PostgreSQL test server
// (tests/servers/postgres.sh), where the password is really used.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "BrobygdProcess.h"
#include "E2eSupport.h"
#include "Target.h"

namespace fs = std::filesystem;
using brobyg::e2e::mustRun;
using brobyg::e2e::quote;
using brobyg::e2e::readAll;
using brobyg::e2e::run;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

struct Pg {
  std::string host = env("BROBYG_TEST_PG_HOST"), port = env("BROBYG_TEST_PG_PORT"),
              db = env("BROBYG_TEST_PG_DB"), user = env("BROBYG_TEST_PG_USER"),
              password = env("BROBYG_TEST_PG_PASSWORD");
  bool present() const { return !host.empty() && !port.empty() && !password.empty(); }
  // psql reading `sql` from a file (its quotes need no shell quoting).
  std::string psql(const fs::path& dir, const std::string& sql) const {
    std::ofstream(dir / "seed.sql") << sql;
    return "PGPASSWORD=" + quote(password) + " psql -q -v ON_ERROR_STOP=1 -h " + host + " -p " +
           port + " -U " + user + " -d " + db + " -f " + quote(dir / "seed.sql");
  }
};

std::string configXml(const Pg& pg, const std::string& dbname, const std::string& schedule = "") {
  return "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
         "<service><state-directory>state</state-directory><log-file>brobyg.log</log-file>"
         "<log-level>debug</log-level></service>\n"
         "<producer municipality=\"0101\" name=\"Test\"><signing-certificate>keys/"
         "municipality.crt</signing-certificate><signing-key>keys/municipality.key"
         "</signing-key></producer>\n"
         "<project id=\"p\" key-file=\"keys/project.key\"/>\n"
         "<recipient id=\"vive\" certificate=\"keys/vive.crt\"/>\n"
         "<source id=\"sager\" plugin=\"sql\">\n"
         "  <setting key=\"connector\">postgresql</setting>\n"
         "  <setting key=\"connection\">host=" +
         pg.host + " port=" + pg.port + " dbname=" + dbname + " user=" + pg.user +
         "</setting>\n"
         "  <setting key=\"password\" file=\"secrets/db.pw\"/>\n"
         "  <setting key=\"query\">SELECT cpr, kommune, art, dato, CAST(changed_at AS TEXT) AS "
         "changed_at, id FROM secret_events WHERE changed_at &gt; :watermark OR (changed_at = "
         ":watermark AND id &gt; :key) ORDER BY changed_at, id</setting>\n"
         "  <setting key=\"watermark_column\">changed_at</setting>\n"
         "  <setting key=\"key_column\">id</setting>\n"
         "  <map key=\"column\"><entry key=\"person\">cpr</entry><entry key=\"municipality\">"
         "kommune</entry><entry key=\"kind\">art</entry><entry key=\"date\">dato</entry></map>\n"
         "</source>\n"
         "<destination id=\"d\" plugin=\"folder\"><setting key=\"directory\">drop</setting>"
         "<setting key=\"create_directory\">true</setting></destination>\n"
         "<job id=\"j\" project=\"p\" destination=\"d\"" +
         (schedule.empty() ? "" : " schedule=\"" + schedule + "\"") +
         ">\n"
         "  <legal-basis agreement=\"A\" expires=\"2099-01-01\" datasets=\"case_event\"/>\n"
         "  <dataset name=\"case_event\" source=\"sager\"/><recipient ref=\"vive\"/>\n"
         "</job>\n</brobyg>\n";
}

// Every file below `dir`, as bytes.
std::string everyFile(const fs::path& dir) {
  std::string all;
  if (!fs::exists(dir)) return all;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) all += readAll(entry.path()) + "\n";
  return all;
}

}  // namespace

TEST(SecretsEndToEnd, TheDatabasePasswordAppearsInNoOutputLogOrStateFile) {
  const Pg pg;
  if (!pg.present()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true")
      FAIL() << "CI=true but no PostgreSQL test server: tests/servers/postgres.sh start";
    GTEST_SKIP() << "no PostgreSQL test server (run: eval \"$(tests/servers/postgres.sh start)\")";
  }
  const fs::path dir = brobyg::e2e::freshDirectory("secrets");
  const std::string brobyg = brobyg::e2e::target().program("brobyg");
  brobyg::e2e::makeKeys(dir / "keys");
  mustRun(brobyg + " keygen --out=" + quote(dir / "keys/project.key"));
  fs::create_directories(dir / "secrets");
  std::ofstream(dir / "secrets/db.pw") << pg.password << "\n";
  fs::permissions(dir / "secrets/db.pw", fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  mustRun(pg.psql(
      dir,
      "DROP TABLE IF EXISTS secret_events; CREATE TABLE secret_events (cpr text, kommune text, "
      "art text, dato date, changed_at timestamp, id integer); INSERT INTO secret_events VALUES "
      "('0101124231', '0101', 'notification', '2024-03-01', '2024-03-01 10:00:00', 1), "
      "('0202124232', '0101', 'investigation_start', '2024-03-02', '2024-03-02 10:00:00', 2)"));
  const fs::path config = dir / "brobyg.xml";
  std::ofstream(config) << configXml(pg, pg.db);
  const std::string withConfig = " --config=" + quote(config);

  std::string output;
  auto step = [&](const std::string& args, int expectedExit) {
    auto result = run(brobyg + " " + args);
    EXPECT_EQ(result.exitCode, expectedExit) << args << "\n" << result.out;
    output += result.out;
    return result.out;
  };
  step("check" + withConfig, 0);
  step("plugins --describe sql", 0);
  step("plugins --describe sql --format=json", 0);
  // brobygd runs the job (its first run, at once), logging to its log file at debug level.
  std::ofstream(config, std::ios::trunc) << configXml(pg, pg.db, "1d");
  brobyg::e2e::BrobygdProcess daemon(config, dir);
  daemon.start();
  auto logged = [&](const std::string& text) {
    return fs::exists(dir / "brobyg.log") &&
           readAll(dir / "brobyg.log").find(text) != std::string::npos;
  };
  for (int i = 0; i < 600 && !logged("job=j status="); ++i) ::usleep(100000);
  daemon.stop();
  EXPECT_TRUE(logged("job=j status=ok")) << readAll(dir / "brobyg.log");
  EXPECT_TRUE(logged("sql: read 2 row(s)")) << readAll(dir / "brobyg.log");

  // A row with the watermark's own timestamp came since: `brobyg run` reads it, and only it.
  mustRun(pg.psql(dir,
                  "INSERT INTO secret_events VALUES ('0303124233', '0101', "
                  "'notification', '2024-03-03', '2024-03-02 10:00:00', 3)"));
  std::ofstream(config, std::ios::trunc) << configXml(pg, pg.db);
  const std::string ran = step("run --job=j --once" + withConfig, 0);
  EXPECT_NE(ran.find("read=1"), std::string::npos) << ran;
  step("runs" + withConfig, 0);

  // The same password with a database that does not exist: the database's refusal goes
  // through the plugin's error, the console and the run's record in the state database.
  std::ofstream(config, std::ios::trunc) << configXml(pg, "no_such_database");
  step("run --job=j --once" + withConfig, 1);
  // And written inline, as an admin might try: refused, without being echoed.
  std::string inline_ = configXml(pg, pg.db);
  const std::string fileSetting = "<setting key=\"password\" file=\"secrets/db.pw\"/>";
  inline_.replace(inline_.find(fileSetting), fileSetting.size(),
                  "<setting key=\"password\">" + pg.password + "</setting>");
  std::ofstream(config, std::ios::trunc) << inline_;
  const std::string refused = step("check" + withConfig, 2);
  EXPECT_NE(refused.find("setting 'password' is secret"), std::string::npos) << refused;

  const std::string state = everyFile(dir / "state");
  ASSERT_NE(state.find("sql1 "), std::string::npos) << "the state folder holds the sql cursor";
  const std::string log = readAll(dir / "brobyg.log");
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(output.find(pg.password), std::string::npos) << output;
  EXPECT_EQ(log.find(pg.password), std::string::npos) << log;
  EXPECT_EQ(state.find(pg.password), std::string::npos);
  EXPECT_EQ(everyFile(dir / "drop").find(pg.password), std::string::npos);
  fs::remove_all(dir);
}

// A plugin's table may give a secret a default (a mistake): --describe shows "(secret)".
TEST(SecretsEndToEnd, DescribeNeverPrintsASecretsDefault) {
  for (const char* format : {"text", "json"}) {
    const brobyg::e2e::Target& t = brobyg::e2e::target();
    auto result = run(t.program("brobyg") + " plugins --describe echo_secret --format=" + format +
                      " --plugin-dir=" + quote(t.inTargetBuild(BROBYG_SECRET_TEST_PLUGIN_DIR)));
    EXPECT_EQ(result.exitCode, 0) << result.out;
    EXPECT_NE(result.out.find("(secret)"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("default-token-4711"), std::string::npos) << result.out;
  }
}
