// The job attributes schedule, timezone and missed as `brobyg check` reads them.
#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "config/ConfigLoader.h"

namespace brobyg::config {
namespace {

std::vector<Problem> problemsOf(const std::string& jobAttributes, Config* out = nullptr) {
  brobyg::test::TempDir dir;
  const std::string path = dir.file("brobyg.xml");
  std::ofstream(path) << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
                      << "  <job id=\"j\" project=\"p\" destination=\"d\" " << jobAttributes
                      << "/>\n</brobyg>\n";
  std::vector<Problem> problems;
  Config c = parseConfig(path, problems);
  if (out != nullptr) *out = c;
  return problems;
}

// The problem reported on the job's line (3), if any.
std::string jobProblem(const std::string& attributes) {
  for (const auto& p : problemsOf(attributes))
    if (p.line == 3 && p.message.find("<job ") == 0) return p.message;
  return "";
}

TEST(ScheduleConfig, CronIntervalAndZoneAreRead) {
  Config c;
  problemsOf("schedule=\"15 2 * * mon-fri\" timezone=\"UTC\" missed=\"skip\"", &c);
  ASSERT_EQ(c.jobs.size(), 1u);
  EXPECT_EQ(c.jobs[0].schedule, "15 2 * * mon-fri");
  EXPECT_EQ(c.jobs[0].timezone, "UTC");
  EXPECT_EQ(c.jobs[0].missed, "skip");
  problemsOf("schedule=\"6h\"", &c);
  EXPECT_EQ(c.jobs[0].missed, "run-once") << "the default";
  EXPECT_EQ(jobProblem("schedule=\"6h\""), "");
  EXPECT_EQ(jobProblem("schedule=\"*/5 * * * *\""), "");
  EXPECT_EQ(jobProblem("schedule=\"@daily\" timezone=\"America/New_York\""), "");
}

TEST(ScheduleConfig, ErrorsNameTheFieldAndTheLine) {
  EXPECT_EQ(jobProblem("schedule=\"61 * * * *\""),
            "<job schedule>: schedule \"61 * * * *\": minute 61 is out of range 0-59");
  EXPECT_EQ(jobProblem("schedule=\"daily\""),
            "<job schedule> must be a duration such as 30m, 6h or 1d, or a cron expression such "
            "as 15 2 * * *");
  EXPECT_EQ(jobProblem("schedule=\"0 2 * * *\" timezone=\"Europe/Atlantis\""),
            "<job schedule>: time zone 'Europe/Atlantis': /usr/share/zoneinfo/Europe/Atlantis not "
            "found (an unknown zone, or the tzdata package is not installed)");
  EXPECT_NE(jobProblem("timezone=\"../../etc/shadow\"").find("is not a zone name"),
            std::string::npos);
  EXPECT_EQ(jobProblem("schedule=\"1d\" missed=\"twice\""),
            "<job missed> must be run-once or skip");
}

}  // namespace
}  // namespace brobyg::config
