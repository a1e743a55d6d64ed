// Golden-file test cases in the Telegraf style: testcases/<case>/ holds settings.txt,
// input/ and the expected output files. Header-only. Set BROBYG_UPDATE_GOLDEN=1 to rewrite
// the expected files from the actual output (then review the diff before committing).
#pragma once

#include "PluginHarness.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace brobyg::testing {

struct GoldenCase {
  std::string name;
  std::filesystem::path dir;
  SettingsMap settings;  // from settings.txt
};

inline std::string readTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// "key=value" per line (maps as column.person=CPR-nr); blank lines and '#' comments skipped.
// Both sides are trimmed; a value that must keep spaces cannot be written here.
inline SettingsMap readSettingsFile(const std::filesystem::path& path) {
  SettingsMap settings;
  std::istringstream lines(readTextFile(path));
  std::string line;
  while (std::getline(lines, line)) {
    const std::string text = trimmed(line);
    if (text.empty() || text[0] == '#') continue;
    const auto eq = text.find('=');
    if (eq == std::string::npos) throw std::runtime_error(path.string() + ": line without '='");
    settings[trimmed(text.substr(0, eq))] = trimmed(text.substr(eq + 1));
  }
  return settings;
}

// Every subfolder of `root` that has a settings.txt, in name order.
inline std::vector<GoldenCase> loadGoldenCases(const std::filesystem::path& root) {
  std::vector<GoldenCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (!entry.is_directory() || !std::filesystem::exists(entry.path() / "settings.txt")) continue;
    cases.push_back({entry.path().filename().string(), entry.path(),
                     readSettingsFile(entry.path() / "settings.txt")});
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

// The names of loadGoldenCases(root), for INSTANTIATE_TEST_SUITE_P.
inline std::vector<std::string> goldenCaseNames(const std::filesystem::path& root) {
  std::vector<std::string> names;
  for (const GoldenCase& c : loadGoldenCases(root)) names.push_back(c.name);
  return names;
}

inline bool updateGolden() {
  const char* flag = std::getenv("BROBYG_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// Compares `actual` with the expected file, or rewrites the file when updating. Returns ""
// on a match, else a description of the first difference.
inline std::string checkGolden(const std::filesystem::path& expectedFile,
                               const std::string& actual) {
  if (updateGolden()) {
    std::ofstream out(expectedFile, std::ios::binary | std::ios::trunc);
    out << actual;
    return out ? std::string() : "cannot write " + expectedFile.string();
  }
  if (!std::filesystem::exists(expectedFile))
    return expectedFile.string() + " is missing (run with BROBYG_UPDATE_GOLDEN=1 to create it)";
  const std::string expected = readTextFile(expectedFile);
  if (expected == actual) return {};
  std::istringstream e(expected);
  std::istringstream a(actual);
  std::string el;
  std::string al;
  for (size_t line = 1;; ++line) {
    const bool moreE = static_cast<bool>(std::getline(e, el));
    const bool moreA = static_cast<bool>(std::getline(a, al));
    if (!moreE && !moreA) break;
    if (moreE != moreA || el != al)
      return expectedFile.filename().string() + " line " + std::to_string(line) +
             ":\n  expected: " + (moreE ? el : "<end>") + "\n  actual:   " + (moreA ? al : "<end>");
  }
  return expectedFile.filename().string() + ": differs (line ends or final newline)";
}

}  // namespace brobyg::testing
