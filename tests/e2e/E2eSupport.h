#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace brobyg::e2e {

struct Result {
  int exitCode = -1;
  std::string out;  // stdout and stderr together
};

// Runs a shell command, capturing its output.
Result run(const std::string& command);
// Runs a command and fails the current test (with its output) if it does not exit 0.
std::string mustRun(const std::string& command);

std::string readAll(const std::filesystem::path& path);
// A minimal RFC 4180 reader (UTF-8), enough to read back what brobyg and the generator write.
std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& path);
std::string quote(const std::filesystem::path& path);

// Demo-style key material made with the openssl command line: municipality (EC P-256
// signing), evaluator "vive" (RSA 3072) and "vive-backup" (EC P-256).
void makeKeys(const std::filesystem::path& dir);

// A fresh folder for one test, removed when the test passes.
std::filesystem::path freshDirectory(const std::string& name);

}  // namespace brobyg::e2e
