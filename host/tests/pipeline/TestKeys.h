#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "util/AtomicFile.h"

namespace brobyg::test {

// <folder>/municipality.{crt,key} (the signer), evaluator.{crt,key} (a recipient, not a CA, as
// `brobyg check` requires) and project.key, 64 times `projectKeyDigit`: what a job needs.
inline void writeTestKeys(const std::filesystem::path& folder, char projectKeyDigit) {
  std::filesystem::create_directories(folder);
  const std::string command =
      "cd '" + folder.string() +
      "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30"
      " -subj '/CN=Test Kommune' -keyout municipality.key -out municipality.crt 2>/dev/null"
      " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30"
      " -addext basicConstraints=critical,CA:FALSE"
      " -subj '/CN=Test evaluator' -keyout evaluator.key -out evaluator.crt 2>/dev/null"
      " && chmod 600 municipality.key evaluator.key";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  writeFileAtomically((folder / "project.key").string(),
                      std::string(64, projectKeyDigit) + "\n");
}

}  // namespace brobyg::test
