// Golden cases (testcases/<case>/), run against the real sshd: settings.txt, packages/,
// optional preexisting/ (files in the remote folder beforehand), steps.txt (one "<package>
// <name at destination>" per line) and expected.txt: each step's outcome, then the remote
// folder's files with their SHA-256. In settings and output ${HOST}, ${PORT}, ${USER},
// ${KEY}, ${HOST_KEY} and ${DIR} stand for the test server's values and the case's remote
// folder. BROBYG_UPDATE_GOLDEN=1 rewrites.
#include "SshTestServer.h"

#include <testing/GoldenCase.hpp>

#include <gtest/gtest.h>

#include <fstream>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace fs = std::filesystem;
using namespace brobyg::testing;

namespace brobyg::sftp::test {
namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

using Names = std::vector<std::pair<std::string, std::string>>;

Names settingNames(const SshServer& server, const fs::path& folder) {
  return {{"${DIR}", folder.generic_string()},
          {"${HOST_KEY}", server.hostKeySha256},
          {"${KEY}", server.key},
          {"${USER}", server.user},
          {"${HOST}", server.host},
          {"${PORT}", server.port}};
}

// Whole values only (a port's digits may occur in a hash): the folder first, which may hold
// the user's name.
Names outputNames(const SshServer& server, const fs::path& folder) {
  return {{"${DIR}", folder.generic_string()},
          {"${HOST_KEY}", server.hostKeySha256},
          {"${KEY}", server.key},
          {"${USER}@${HOST}:${PORT}", server.user + "@" + server.host + ":" + server.port}};
}

std::string runCase(const GoldenCase& c, const SshServer& server, const fs::path& folder) {
  SettingsMap settings;
  for (auto [key, value] : c.settings) {
    for (const auto& [name, actual] : settingNames(server, folder))
      value = replaceAll(value, name, actual);
    settings[key] = value;
  }
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  CreateArgs args(withDefaults(d->settings, d->setting_count, settings), nullptr);
  DestinationInstance instance(d, args);
  std::string out;
  if (!instance.created().ok()) return "create error: " + instance.created().error + "\n";

  std::ifstream steps(c.dir / "steps.txt");
  for (std::string line; std::getline(steps, line);) {
    if (trimmed(line).empty()) continue;
    const std::string package = line.substr(0, line.find(' '));
    const std::string name = line.substr(line.find(' ') + 1);
    const fs::path file = c.dir / "packages" / package;
    auto [result, receipt] =
        instance.deliver("p-" + package, file.string(), fs::file_size(file), sha256Of(file), name);
    out += result.ok()                         ? "ok: " + receipt + "\n"
           : result.code == BROBYG_RETRY_LATER ? "retry later: " + result.error + "\n"
                                               : "error: " + result.error + "\n";
  }
  out += "remote folder:\n";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file())
      files.push_back(fs::relative(e.path(), folder).generic_string() + " " + sha256Of(e.path()));
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out += "  " + f + "\n";
  for (const auto& [name, actual] : outputNames(server, folder))
    out = replaceAll(out, actual, name);
  return out;
}

class SftpGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SftpGolden, MatchesExpected) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const GoldenCase& c = GetParam();
  const fs::path folder = freshRemoteFolder(server, "golden-" + c.name);
  // Entry by entry: mingw's fs::copy of a folder refuses a target folder that exists.
  if (fs::exists(c.dir / "preexisting"))
    for (const auto& e : fs::directory_iterator(c.dir / "preexisting"))
      fs::copy(e.path(), folder / e.path().filename(), fs::copy_options::recursive);
  const std::string actual = runCase(c, server, folder);
  EXPECT_EQ(checkGolden(c.dir / "expected.txt", actual), "") << actual;
  fs::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(Cases, SftpGolden,
                         ::testing::ValuesIn(loadGoldenCases(BROBYG_SFTP_TESTCASES)),
                         [](const ::testing::TestParamInfo<GoldenCase>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace brobyg::sftp::test
