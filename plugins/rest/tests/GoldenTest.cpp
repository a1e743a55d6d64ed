// Golden cases: plugins/rest/testcases/<case>/{settings.txt, pages/, expected_rows.csv,
// expected_rejects.txt}. The recorded pages are served by the local HTTPS server by file name
// (the query is ignored); settings.txt's url is a path on it. The rows are case_measure's
// input fields; they then go through the host's normaliser and dataset writer (as
// host/tests/pipeline's golden cases: project key all zero, project id "golden") to the
// case_measure dataset a package carries (expected_case_measure.csv: pseudonyms, the legal
// basis through the crosswalk, harmonised placements). BROBYG_UPDATE_GOLDEN=1 rewrites the
// expected files.
#include "RestTestSupport.h"

#include "RestSettingsTable.h"

#include <testing/GoldenCase.hpp>

#include "GoldenSupport.h"
#include "TempDir.h"
#include "util/AtomicFile.h"

#include <Poco/URI.h>

#include <gtest/gtest.h>

#include <dataset/DatasetSpec.h>

namespace brobyg::rest::test {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "rest" / "testcases";

std::vector<std::string> caseNames() { return testing::goldenCaseNames(kRoot); }

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedFiles) {
  const fs::path dir = kRoot / GetParam();
  HttpsServer server("server", [&](const SeenRequest& r) -> Answer {
    const fs::path file = dir / "pages" / fs::path(Poco::URI(r.target).getPath()).filename();
    if (!fs::is_regular_file(file)) return {404, "{}", {}};
    return {200, testing::readTextFile(file), {}};
  });
  testing::SettingsMap settings = testing::readSettingsFile(dir / "settings.txt");
  settings["url"] = server.url(settings.at("url"));
  settings["ca_file"] = TestPki::get().file("ca.crt");
  const PullOutcome outcome = pullOnce(settings);
  ASSERT_TRUE(outcome.result.ok()) << outcome.result.error;

  std::vector<std::string> header;
  for (const auto& input : dataset::caseMeasure().inputs()) header.push_back(input.name);
  std::string rows = testing::csvLine(header);
  for (const auto& row : outcome.rows) rows += testing::csvLine(row.values);
  std::string rejects;
  for (const auto& r : outcome.rejects) rejects += r.origin + "\t" + r.reason + "\n";
  EXPECT_EQ(testing::checkGolden(dir / "expected_rows.csv", rows), "");
  EXPECT_EQ(testing::checkGolden(dir / "expected_rejects.txt", rejects), "");

  brobyg::test::TempDir work;
  writeFileAtomically(work.file("rows.csv"), rows);
  const brobyg::test::GoldenOutput dataset =
      brobyg::test::runGolden(dataset::caseMeasure(), work.file("rows.csv"), header,
                              pseudo::Date{2026, 6, 30}, work.path());
  EXPECT_EQ(testing::checkGolden(dir / "expected_case_measure.csv", dataset.csv), "");
  EXPECT_EQ(testing::checkGolden(dir / "expected_case_measure_rejects.txt", dataset.rejected), "");
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(caseNames()),
                         [](const auto& param) { return param.param; });

TEST(GoldenCases, Exist) {
  EXPECT_GE(caseNames().size(), 2u);
}

}  // namespace
}  // namespace brobyg::rest::test
