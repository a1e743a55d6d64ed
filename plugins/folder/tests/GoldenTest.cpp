// Golden cases (testcases/<case>/): settings.txt, packages/, optional preexisting/ (files in
// the drop folder beforehand), steps.txt (one "<package> <name at destination>" per line) and
// expected.txt: each step's outcome, then the drop folder's files with their SHA-256.
// ${DROP} stands for the case's temporary drop folder. BROBYG_UPDATE_GOLDEN=1 rewrites.
#include <gtest/gtest.h>

#include <testing/GoldenCase.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "FolderDrop.h"

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace fs = std::filesystem;
using namespace brobyg::testing;

namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string runCase(const GoldenCase& c, const fs::path& drop) {
  SettingsMap settings;
  for (const auto& [key, value] : c.settings)
    settings[key] = replaceAll(value, "${DROP}", drop.generic_string());
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  CreateArgs args(withDefaults(d->settings, d->setting_count, settings), nullptr);
  DestinationInstance instance(d, args);
  std::string out;
  if (!instance.created().ok()) return "create error: " + instance.created().error + "\n";

  std::ifstream steps(c.dir / "steps.txt");
  for (std::string line; std::getline(steps, line);) {
    if (trimmed(line).empty()) continue;
    std::string package = line.substr(0, line.find(' '));
    std::string name = line.substr(line.find(' ') + 1);
    fs::path file = c.dir / "packages" / package;
    auto [result, receipt] = instance.deliver("p-" + package, file.string(), fs::file_size(file),
                                              brobyg::folder::sha256OfFile(file.string()), name);
    out += result.ok() ? "ok: " + receipt + "\n" : "error: " + result.error + "\n";
  }
  out += "drop:\n";
  std::vector<std::string> files;
  if (fs::exists(drop))
    for (const auto& e : fs::recursive_directory_iterator(drop))
      if (e.is_regular_file())
        files.push_back(fs::relative(e.path(), drop).string() + " " +
                        brobyg::folder::sha256OfFile(e.path().string()));
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out += "  " + f + "\n";
  return replaceAll(out, drop.generic_string(), "${DROP}");  // the receipt uses "/"
}

class FolderGolden : public ::testing::TestWithParam<GoldenCase> {};

}  // namespace

TEST_P(FolderGolden, MatchesExpected) {
  const GoldenCase& c = GetParam();
  fs::path drop = fs::temp_directory_path() /
                  ("brobyg-folder-golden-" + std::to_string(::getpid()) + "-" + c.name);
  fs::remove_all(drop);
  fs::create_directories(drop);
  if (fs::exists(c.dir / "preexisting"))
    fs::copy(c.dir / "preexisting", drop, fs::copy_options::recursive);
  std::string actual = runCase(c, drop);
  EXPECT_EQ(checkGolden(c.dir / "expected.txt", actual), "") << actual;
  fs::remove_all(drop);
}

INSTANTIATE_TEST_SUITE_P(Cases, FolderGolden,
                         ::testing::ValuesIn(loadGoldenCases(BROBYG_FOLDER_TESTCASES)),
                         [](const ::testing::TestParamInfo<GoldenCase>& param) {
                           return param.param.name;
                         });
