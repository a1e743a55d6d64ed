// brobygd as an admin runs it: reload on SIGHUP and POST /reload, and cron schedules whose
// due time passed while the service was down (issue 16).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "Daemon.h"
#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {
namespace {

void newExport(const Installation& inst, int seed, const std::string& day) {
  mustRun(kSynth + " absence --seed " + std::to_string(seed) + " --pupils " + quote(inst.pupils) +
          " --rows 500 --layout danish-vendor --out " +
          quote(inst.dir / ("export/fravaer_" + day + ".csv")));
}

std::size_t filesIn(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(Reload, ABrokenConfigurationKeepsTheOldOneAndAGoodOneTakesEffect) {
  Installation inst("reload");
  Daemon::configure(inst);
  Daemon daemon(inst);
  daemon.start();
  const std::string good = readAll(inst.config);

  // Broken: the job names a destination that does not exist.
  replaceIn(inst.config, "destination=\"evaluator-drop\">", "destination=\"nowhere\">");
  daemon.hangup();
  ASSERT_TRUE(daemon.waitFor("reload refused")) << daemon.log();
  EXPECT_TRUE(daemon.alive());
  EXPECT_TRUE(
      std::regex_search(daemon.log(), std::regex("reload: .*brobyg\\.xml:[0-9]+: .*nowhere")))
      << "the file, line and setting are named\n"
      << daemon.log();
  const std::string refused = daemon.request("POST", "/reload");
  EXPECT_NE(refused.find("\"reloaded\":false"), std::string::npos) << refused;
  EXPECT_EQ(refused.substr(refused.size() - 3), "422") << refused;

  // The next run still works, on the configuration loaded before.
  EXPECT_NE(daemon.request("POST", "/jobs/skolefravaer/run").find("\n202"), std::string::npos);
  ASSERT_TRUE(daemon.waitFor("job=skolefravaer status=ok")) << daemon.log();
  EXPECT_EQ(filesIn(inst.dir / "drop"), 1u);

  // Good: the same job delivers to another folder from now on.
  std::ofstream(inst.config) << good;
  replaceIn(inst.config, "<setting key=\"directory\">drop</setting>",
            "<setting key=\"directory\">drop2</setting>");
  fs::create_directories(inst.dir / "drop2");
  daemon.hangup();
  ASSERT_TRUE(daemon.waitFor("reloaded .*brobyg\\.xml")) << daemon.log();
  newExport(inst, 8, "2026-11-25");
  EXPECT_NE(daemon.request("POST", "/jobs/skolefravaer/run").find("\n202"), std::string::npos);
  ASSERT_TRUE(daemon.waitFor("job=skolefravaer status=ok", 2)) << daemon.log();
  EXPECT_TRUE(daemon.waitFor("delivery=delivered", 2)) << daemon.log();
  EXPECT_EQ(filesIn(inst.dir / "drop"), 1u);
  EXPECT_EQ(filesIn(inst.dir / "drop2"), 1u) << daemon.log();

  // POST /reload of a good file answers 200.
  const std::string reloaded = daemon.request("POST", "/reload");
  EXPECT_NE(reloaded.find("\"reloaded\":true"), std::string::npos) << reloaded;
  daemon.stop();
  EXPECT_NE(daemon.log().find("stopped"), std::string::npos);
  fs::remove_all(inst.dir);
}

std::string mark(const Installation& inst) {
  return run("sqlite3 " + quote(inst.dir / "state/brobyg.db") +
             " \"SELECT handled_until FROM schedule_marks WHERE job = 'skolefravaer'\"")
      .out;
}

void setMarkDaysAgo(const Installation& inst, int days) {
  mustRun("sqlite3 " + quote(inst.dir / "state/brobyg.db") +
          " \"UPDATE schedule_marks SET handled_until = strftime('%s','now') - " +
          std::to_string(days * 86400) + " WHERE job = 'skolefravaer'\"");
}

TEST(MissedRuns, ARunMissedWhileDownRunsOnceAtStartOrIsSkipped) {
  Installation inst("missed");
  Daemon::configure(inst);
  // New Year's morning: never due while this test runs, but passed in the last 400 days.
  replaceIn(inst.config, "<job id=\"skolefravaer\"",
            "<job schedule=\"0 3 1 1 *\" id=\"skolefravaer\"");
  Daemon daemon(inst);
  daemon.start();
  for (int i = 0; i < 300 && mark(inst).empty(); ++i) ::usleep(100000);
  ASSERT_FALSE(mark(inst).empty()) << "the schedule's mark is recorded at the first tick";
  daemon.stop();
  EXPECT_EQ(filesIn(inst.dir / "drop"), 0u) << "never due: no run";

  // Down for 400 days (as the state store sees it): run-once, the default, runs it once.
  setMarkDaysAgo(inst, 400);
  daemon.start();
  ASSERT_TRUE(daemon.waitFor("was missed while brobygd was down; running it once now"))
      << daemon.log();
  ASSERT_TRUE(daemon.waitFor("job=skolefravaer status=ok")) << daemon.log();
  daemon.stop();
  EXPECT_EQ(filesIn(inst.dir / "drop"), 1u);
  const std::string text = daemon.log();
  EXPECT_EQ(text.find("job=skolefravaer status="), text.rfind("job=skolefravaer status="))
      << "once, not once per miss\n"
      << text;

  // missed="skip": the same gap is logged and skipped, and the mark moves on.
  replaceIn(inst.config, "schedule=\"0 3 1 1 *\"", "schedule=\"0 3 1 1 *\" missed=\"skip\"");
  newExport(inst, 9, "2026-11-26");
  setMarkDaysAgo(inst, 400);
  const std::string before = mark(inst);
  daemon.start();
  ASSERT_TRUE(daemon.waitFor("skipped \\(missed=\"skip\"\\)")) << daemon.log();
  daemon.stop();
  EXPECT_EQ(filesIn(inst.dir / "drop"), 1u) << "skipped: no new package";
  EXPECT_GT(std::stoll(mark(inst)), std::stoll(before));
  fs::remove_all(inst.dir);
}

}  // namespace
}  // namespace brobyg::e2e
