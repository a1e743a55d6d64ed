// The model's three renderings: JSON that parses, Prometheus text, and the terminal's text.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <regex>

#include "status/StatusJson.h"
#include "status/StatusMetrics.h"
#include "status/StatusText.h"

using namespace brobyg;

namespace {

status::Status sample() {
  status::Status s;
  s.generatedAt = 1796169600;
  s.configPath = "/etc/brobyg/brobyg.xml";
  status::JobStatus job;
  job.id = "skole\"fravaer";  // a quote, to see it escaped
  job.schedule = "15 2 * * *";
  job.timezone = "Europe/Copenhagen";
  job.nextRun = 1796174100;
  job.lastSuccess = 1796001340;
  job.durations.add(0.5);
  job.durations.add(40);
  job.runsByStatus = {{"ok", 2}, {"failed", 1}};
  job.rowTotals.rowsRead = 7;
  state::RunRecord run;
  run.id = 3;
  run.job = job.id;
  run.startedAt = "2026-12-01T01:15:00Z";
  run.summary.status = "ok";
  run.summary.message = "line 1\n<script>";
  job.lastRuns = {run};
  s.jobs = {job};
  s.outbox.byState = {{"staged", 1}, {"failed", 0}};
  s.outbox.oldestWaitingSeconds = 90;
  s.registerHead = {4, std::string(64, 'c')};
  s.certificates = {{"recipient vive certificate", "recipient", job.id, "vive", 12, 1798761600},
                    {"producer signing-certificate", "signing", "", "0101", 5, std::nullopt}};
  s.problems = {Problem::warning(12, "recipient 'vive': certificate expires soon")};
  return s;
}

}  // namespace

TEST(StatusJson, ParsesAndEscapesForHtml) {
  const std::string text = status::toJson(sample());
  EXPECT_EQ(text.find('<'), std::string::npos) << "safe inside HTML: " << text;
  Poco::JSON::Parser parser;
  const auto root = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
  const auto jobs = root->getArray("jobs");
  ASSERT_EQ(jobs->size(), 1u);
  const auto job = jobs->getObject(0);
  EXPECT_EQ(job->getValue<std::string>("id"), "skole\"fravaer");
  EXPECT_EQ(job->getValue<std::int64_t>("next_run"), 1796174100);
  EXPECT_EQ(job->getObject("runs")->getValue<int>("failed"), 1);
  const auto run = job->getArray("last_runs")->getObject(0);
  EXPECT_EQ(run->getValue<std::string>("message"), "line 1\n<script>");
  EXPECT_EQ(root->getObject("outbox")->getValue<int>("oldest_waiting_seconds"), 90);
  EXPECT_EQ(root->getObject("register")->getValue<int>("entries"), 4);
  const auto certificates = root->getArray("certificates");
  EXPECT_EQ(certificates->getObject(0)->getValue<std::int64_t>("not_after"), 1798761600);
  EXPECT_TRUE(certificates->getObject(1)->isNull("not_after"));
  EXPECT_EQ(root->getArray("problems")->getObject(0)->getValue<std::string>("severity"), "warning");
}

TEST(StatusJson, EscapesControlCharactersAndQuotes) {
  EXPECT_EQ(status::jsonString("a\"b\\c\x01<&>"), "\"a\\\"b\\\\c\\u0001\\u003c\\u0026\\u003e\"");
}

TEST(StatusMetrics, HistogramIsCumulativeAndTimesAreUnixSeconds) {
  const std::string text = status::toPrometheus(sample());
  const std::string job = "job=\"skole\\\"fravaer\"";  // the quote escaped
  EXPECT_NE(text.find("brobyg_run_duration_seconds_bucket{" + job + ",le=\"1\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("brobyg_run_duration_seconds_bucket{" + job + ",le=\"60\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("brobyg_run_duration_seconds_bucket{" + job + ",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("brobyg_run_duration_seconds_sum{" + job + "} 40.5\n"), std::string::npos);
  EXPECT_NE(text.find("brobyg_run_duration_seconds_count{" + job + "} 2\n"), std::string::npos);
  EXPECT_NE(text.find("brobyg_job_last_success_timestamp_seconds{" + job + "} 1796001340\n"),
            std::string::npos);
  EXPECT_NE(text.find("brobyg_outbox_oldest_waiting_age_seconds 90\n"), std::string::npos);
  EXPECT_NE(text.find("brobyg_certificate_expiry_timestamp_seconds{setting=\"recipient vive "
                      "certificate\",role=\"recipient\"," +
                      job + "} 1798761600\n"),
            std::string::npos);
  EXPECT_NE(text.find("brobyg_certificate_unreadable{setting=\"producer signing-certificate\","
                      "role=\"signing\",job=\"\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("brobyg_config_problems{severity=\"warning\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE brobyg_run_duration_seconds histogram\n"), std::string::npos);
  // Every sample line is name{labels} value: no raw newline inside a label.
  const std::regex line(R"(^(#.*|[a-z_]+(\{([a-z]+="([^"\\]|\\.)*",?)*\})? [-+0-9.eInf]+)$)");
  std::istringstream lines(text);
  for (std::string l; std::getline(lines, l);) EXPECT_TRUE(std::regex_match(l, line)) << l;
}

TEST(StatusText, ShowsJobsOutboxRegisterCertificatesAndProblems) {
  const std::string text = status::toText(sample());
  EXPECT_NE(text.find("schedule \"15 2 * * *\" (Europe/Copenhagen)  next 2026-12-02T01:15:00Z"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("last success 2026-11-30T01:15:40Z (1d 22h ago)"), std::string::npos);
  EXPECT_NE(text.find("Outbox\n  failed=0 staged=1  oldest waiting 1m\n"), std::string::npos);
  EXPECT_NE(text.find("4 entries, head cccc"), std::string::npos);
  EXPECT_NE(text.find("2027-01-01T00:00:00Z (in 30d 0h)  recipient  recipient vive certificate"),
            std::string::npos);
  EXPECT_NE(text.find("unreadable  signing  producer signing-certificate"), std::string::npos);
  EXPECT_NE(text.find("/etc/brobyg/brobyg.xml:12: warning: recipient 'vive'"), std::string::npos);
}

TEST(StatusText, HumanDurations) {
  EXPECT_EQ(status::humanDuration(40), "40s");
  EXPECT_EQ(status::humanDuration(3599), "59m");
  EXPECT_EQ(status::humanDuration(3 * 86400 + 7200), "3d 2h");
  EXPECT_EQ(status::humanDuration(-120), "-2m");
}
