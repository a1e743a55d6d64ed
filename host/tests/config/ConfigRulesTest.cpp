// Review findings #4 and #9 and the calendar check of #3: what the loader refuses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/ConfigLoader.h"
#include "util/Error.h"
#include "util/SafePath.h"

namespace fs = std::filesystem;
using namespace brobyg::config;

namespace {

// A configuration whose job (line 8) and legal basis (line 9) take the given attributes.
Problems parseJob(const std::string& jobId, const std::string& basis,
                  const std::string& sourceId = "s") {
  fs::path dir = fs::temp_directory_path() / ("brobyg-rules-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "brobyg.xml";
  std::ofstream(file) << "<?xml version=\"1.0\"?>\n"                                // 1
                         "<brobyg xmlns=\"urn:brobyg:config:1\">\n"                 // 2
                         "<service><state-directory>s</state-directory></service>"  // 3
                         "<producer municipality=\"0101\" name=\"T\"><signing-certificate>c"
                         "</signing-certificate><signing-key>k</signing-key></producer>\n"
                         "<project id=\"p\" key-file=\"k\"/>\n"           // 4
                         "<recipient id=\"r\" certificate=\"r.crt\"/>\n"  // 5
                         "<source id=\""
                      << sourceId
                      << "\" plugin=\"csv\"/>\n"                        // 6
                         "<destination id=\"d\" plugin=\"folder\"/>\n"  // 7
                         "<job id=\""
                      << jobId
                      << "\" project=\"p\" destination=\"d\">\n"  // 8
                         "  <legal-basis agreement=\"A\" "
                      << basis
                      << "/>\n"  // 9
                         "  <dataset name=\"absence_event\" source=\""
                      << sourceId
                      << "\"/>\n"
                         "  <recipient ref=\"r\"/>\n"
                         "</job>\n</brobyg>\n";
  Problems problems;
  parseConfig(file.string(), problems);
  fs::remove_all(dir);
  return problems;
}

const char* kGoodBasis = "expires=\"2030-01-31\" datasets=\"absence_event\"";

bool mentions(const Problems& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(ConfigRules, AGoodJobHasNoProblems) {
  auto problems = parseJob("skolefravaer", kGoodBasis);
  EXPECT_TRUE(problems.empty()) << formatProblems("cfg", problems);
}

TEST(ConfigRules, IdsThatWouldLeaveTheirFolderAreRefused) {
  for (const std::string id : {"..", ".", "a/b", "-x", ".hidden", "_x", "a\\b"}) {
    auto problems = parseJob(id, kGoodBasis);
    EXPECT_TRUE(mentions(problems, 8, "must start with a letter or digit")) << id;
  }
  auto problems = parseJob("j", kGoodBasis, "..");
  EXPECT_TRUE(mentions(problems, 6, "must start with a letter or digit"))
      << formatProblems("cfg", problems);
  EXPECT_TRUE(parseJob("job.v2-a_b", kGoodBasis).empty());
}

TEST(ConfigRules, ImpossibleCalendarDatesAreRefused) {
  for (const std::string date : {"2027-02-30", "2027-02-29", "2027-04-31", "2027-13-01"}) {
    auto problems = parseJob("j", "expires=\"" + date + "\" datasets=\"absence_event\"");
    EXPECT_TRUE(mentions(problems, 9, "must be a date")) << date;
  }
  EXPECT_TRUE(parseJob("j", "expires=\"2028-02-29\" datasets=\"absence_event\"").empty());
}

TEST(ConfigRules, ABlankDatasetListIsNotUnrestricted) {
  for (const std::string datasets : {" ", "", "\t "}) {
    auto problems = parseJob("j", "expires=\"2030-01-31\" datasets=\"" + datasets + "\"");
    EXPECT_TRUE(mentions(problems, 9, "datasets")) << "'" << datasets << "'";
    EXPECT_TRUE(brobyg::hasErrors(problems));
  }
}

TEST(SafePath, IdsAndChildren) {
  EXPECT_TRUE(brobyg::isSafeId("a"));
  EXPECT_TRUE(brobyg::isSafeId("0-job.v1_x"));
  EXPECT_FALSE(brobyg::isSafeId(""));
  EXPECT_FALSE(brobyg::isSafeId(".."));
  EXPECT_FALSE(brobyg::isSafeId(std::string(65, 'a')));
  EXPECT_TRUE(brobyg::insideParent("/s/work", "/s/work/job"));
  EXPECT_TRUE(brobyg::insideParent("/s/work/", "/s/work/a/../b"));
  EXPECT_FALSE(brobyg::insideParent("/s/work", "/s/work"));
  EXPECT_FALSE(brobyg::insideParent("/s/work", "/s/work/.."));
  EXPECT_FALSE(brobyg::insideParent("/s/work", "/s/work/./"));
  EXPECT_FALSE(brobyg::insideParent("/s/work", "/s/workshop"));
  EXPECT_EQ(brobyg::childPath("/s/work", "job", "job"), fs::path("/s/work/job"));
  EXPECT_THROW(brobyg::childPath("/s/work", "..", "job"), brobyg::Error);
  EXPECT_THROW(brobyg::childPath("/s/work", ".", "job"), brobyg::Error);
  EXPECT_THROW(brobyg::childPath("/s/work", "a/b", "job"), brobyg::Error);
  EXPECT_THROW(brobyg::childPath("/s/work", "/etc", "job"), brobyg::Error);
  EXPECT_THROW(brobyg::childPath("/s/work", "", "job"), brobyg::Error);
}
