#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "Target.h"

namespace brobyg::e2e {

// The programs' commands, on the target the tests run against (Target.h).
inline const std::string kBrobyg = target().program("brobyg");
inline const std::string kSynth = target().program("brobyg-synth");
inline const std::string kSchemas = std::string(BROBYG_SOURCE_DIR) + "/schemas";
inline const std::string kProject = "vive-skolefravaer-2026";
constexpr int kPupils = 300;
constexpr int kRows = 20000;
constexpr int kBadRows = 25;

// A demo installation in a folder: keys, a project key, the example configuration, one day's
// absence export in the Danish vendor layout, the school system's enrolment export and the
// case system's SQLite database for 15 % of the same pupils.
struct Installation {
  std::filesystem::path dir;
  std::filesystem::path config;
  std::filesystem::path truth;  // the absence export's (brobyg-synth absence --truth)
  std::filesystem::path pupils;
  std::filesystem::path casesTruth;  // the case database's (brobyg-synth cases --truth)
  int caseRows = 0;                  // measures and events: every one is valid
  int enrolmentRows = 0;             // the enrolment export's rows: every one is valid

  explicit Installation(const std::string& name);

  std::string brobyg(const std::string& args) const;
  std::vector<std::filesystem::path> dropped() const;
};

// Opens a package exactly as the evaluator guide says, with stock openssl only.
void openWithOpenssl(const std::filesystem::path& package, const std::filesystem::path& keys,
                     const std::string& who, const std::filesystem::path& outDir);

// A pseudonym as tests/e2e/openssl_pseudonym.sh computes it.
std::string pseudonymWithOpenssl(const std::filesystem::path& keyFile, const std::string& cpr,
                                 const std::string& project = kProject);

}  // namespace brobyg::e2e
