// The status page in a real headless browser (issue 16): brobygd on a demo installation,
// Debian's chromium driven by puppeteer-core (status-page.test.js). Without chromium or the
// npm packages (scripts/install-deps.sh installs both) the test skips; under CI=true it fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "Daemon.h"
#include "E2eSupport.h"
#include "Installation.h"
#include "Target.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {
namespace {

const std::string kBrowserDir = BROBYG_BROWSER_DIR;
const std::string kArtifacts = BROBYG_ARTIFACT_DIR;

bool underCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// What is missing to run the browser, or "".
std::string missing() {
  const char* chromium = std::getenv("CHROMIUM");
  if (!fs::exists(chromium != nullptr ? chromium : "/usr/bin/chromium"))
    return "chromium (apt-get install chromium)";
  if (run("node --version").exitCode != 0) return "node (apt-get install nodejs)";
  if (!fs::exists(kBrowserDir + "/node_modules/puppeteer-core"))
    return "puppeteer-core (cd tests/browser && npm ci)";
  return "";
}

TEST(StatusPage, LogInSeeTheJobRunItNowAndRefuseWhatIsNotAllowed) {
  if (const std::string what = missing(); !what.empty()) {
    if (underCi()) FAIL() << "CI=true but no " << what;
    GTEST_SKIP() << "no " << what;
  }
  Installation inst("status-page");
  Daemon::configure(inst);
  Daemon daemon(inst);
  daemon.start();
  // The demo job's first run, so that the page has a last run to show.
  ASSERT_NE(daemon.request("POST", "/jobs/skolefravaer/run").find("\n202"), std::string::npos);
  ASSERT_TRUE(daemon.waitFor("job=skolefravaer status=ok")) << daemon.log();

  fs::create_directories(kArtifacts);
  const fs::path screenshot =
      fs::path(kArtifacts) / (target().windows ? "status-page-windows.png" : "status-page.png");
  fs::remove(screenshot);
  const Result browser =
      run("cd " + quote(kBrowserDir) + " && node status-page.test.js " + daemon.base() + " " +
          quote(inst.dir / "keys/admin.token") + " skolefravaer " + quote(screenshot));
  EXPECT_EQ(browser.exitCode, 0) << browser.out << "\n" << daemon.log();
  EXPECT_TRUE(fs::exists(screenshot)) << browser.out;
  // The page's second run went through the scheduler like any other.
  EXPECT_TRUE(daemon.waitFor("job=skolefravaer status=", 2)) << daemon.log();
  const std::string log = daemon.log();
  EXPECT_NE(log.find("status page: logged in"), std::string::npos) << log;
  EXPECT_NE(log.find("status page: login refused"), std::string::npos) << log;
  daemon.stop();
  if (!HasFailure()) fs::remove_all(inst.dir);
}

}  // namespace
}  // namespace brobyg::e2e
