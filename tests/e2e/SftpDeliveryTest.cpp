// A job delivered through the sftp destination with the real binaries: brobyg run stores the
// package in the outbox and uploads it to the OpenSSH server of tests/servers/sshd.sh; the
// file on the server is the outbox's, byte for byte, and the evaluator opens it with stock
// openssl. Without the server (BROBYG_TEST_SSH_*) the test skips, and fails under CI=true.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include <unistd.h>

#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The example's folder destination, swapped for an sftp one delivering into `folder`.
void useSftpDestination(const Installation& inst, const fs::path& folder) {
  std::string xml = readAll(inst.config);
  const std::size_t start = xml.find("<destination id=\"evaluator-drop\"");
  const std::size_t end = xml.find("</destination>", start) + std::string("</destination>").size();
  ASSERT_NE(start, std::string::npos);
  xml.replace(start, end - start,
              "<destination id=\"evaluator-drop\" plugin=\"sftp\">"
              "<setting key=\"host\">" +
                  env("BROBYG_TEST_SSH_HOST") +
                  "</setting>"
                  "<setting key=\"port\">" +
                  env("BROBYG_TEST_SSH_PORT") +
                  "</setting>"
                  "<setting key=\"user\">" +
                  env("BROBYG_TEST_SSH_USER") +
                  "</setting>"
                  "<setting key=\"host_key_sha256\">" +
                  env("BROBYG_TEST_SSH_HOST_KEY_SHA256") +
                  "</setting>"
                  "<setting key=\"key_file\">" +
                  env("BROBYG_TEST_SSH_KEY") +
                  "</setting>"
                  "<setting key=\"directory\">" +
                  folder.string() +
                  "</setting>"
                  "<setting key=\"io_timeout\">30s</setting>"
                  "</destination>");
  std::ofstream(inst.config) << xml;
}

}  // namespace

TEST(EndToEnd, AJobDeliversThroughSftpAndTheEvaluatorOpensTheUploadedFile) {
  const fs::path root = env("BROBYG_TEST_SSH_ROOT");
  if (env("BROBYG_TEST_SSH_PORT").empty() || root.empty() || !fs::is_directory(root)) {
    if (env("CI") == "true") FAIL() << "no SSH test server (BROBYG_TEST_SSH_*)";
    GTEST_SKIP() << "no SSH test server: eval \"$(bash tests/servers/sshd.sh start)\"";
  }
  Installation inst("sftp");
  const fs::path folder = root / ("e2e-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  useSftpDestination(inst, folder);

  // brobyg check logs in and finds the remote folder.
  Result check = run(inst.brobyg("check"));
  ASSERT_EQ(check.exitCode, 0) << check.out;
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("delivery=delivered"), std::string::npos) << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("package=([0-9TZ]+-[0-9a-f]+)")));
  const std::string packageId = m[1];

  // One file on the server, no temp file, and it is the outbox's package byte for byte.
  std::vector<fs::path> uploaded;
  for (const auto& e : fs::directory_iterator(folder)) uploaded.push_back(e.path());
  ASSERT_EQ(uploaded.size(), 1u);
  EXPECT_NE(uploaded[0].filename().string().find(packageId), std::string::npos);
  EXPECT_EQ(readAll(uploaded[0]), readAll(inst.dir / "state/outbox" / (packageId + ".cms")));
  Result list = run(inst.brobyg("outbox"));
  EXPECT_NE(list.out.find(packageId + "  delivered"), std::string::npos) << list.out;

  // The evaluator opens what arrived with stock openssl and unzip.
  const fs::path opened = inst.dir / "opened";
  openWithOpenssl(uploaded[0], inst.dir / "keys", "vive", opened);
  for (const char* f : {"manifest.xml", "absence_event.csv", "codebook.xml"})
    EXPECT_TRUE(fs::exists(opened / f)) << f;
  EXPECT_NE(readAll(opened / "manifest.xml").find(packageId), std::string::npos);

  fs::remove_all(folder);
  fs::remove_all(inst.dir);
}
