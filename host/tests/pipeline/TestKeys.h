#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "package/Packager.h"
#include "trust/Certificate.h"
#include "trust/SenderPins.h"
#include "util/AtomicFile.h"
#ifdef _WIN32
#include "TestCertificates.h"
#endif

namespace brobyg::test {

// <folder>/municipality.{crt,key} (the signer), evaluator.{crt,key} (a recipient, not a CA, as
// `brobyg check` requires) and project.key, 64 times `projectKeyDigit`: what a job needs.
inline void writeTestKeys(const std::filesystem::path& folder, char projectKeyDigit) {
  std::filesystem::create_directories(folder);
#ifdef _WIN32
  // No openssl CLI on Windows: the same made with libcrypto.
  const std::string f = folder.string() + "/";
  writeCertificate(f + "municipality.crt", f + "municipality.key",
                   {"/CN=Test Kommune", false, 30, "", "", selfSignedExtensions()});
  writeCertificate(
      f + "evaluator.crt", f + "evaluator.key",
      {"/CN=Test evaluator", false, 30, "", "", selfSignedExtensions("critical,CA:FALSE")});
#else
  const std::string command =
      "cd '" + folder.string() +
      "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30"
      " -subj '/CN=Test Kommune' -keyout municipality.key -out municipality.crt 2>/dev/null"
      " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30"
      " -addext basicConstraints=critical,CA:FALSE"
      " -subj '/CN=Test evaluator' -keyout evaluator.key -out evaluator.crt 2>/dev/null"
      " && chmod 600 municipality.key evaluator.key";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
#endif
  writeFileAtomically((folder / "project.key").string(), std::string(64, projectKeyDigit) + "\n");
}

inline std::string readAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Opens a package made with writeTestKeys(<root>/keys) as the evaluator does, the producer
// 0101 pinned to municipality.crt, into `out`.
inline package::OpenedPackage openWithTestKeys(const std::filesystem::path& root,
                                               const std::string& packagePath,
                                               const std::filesystem::path& out) {
  package::PackageOpenRequest open;
  open.packagePath = packagePath;
  open.recipientCertPath = (root / "keys" / "evaluator.crt").string();
  open.recipientKeyPath = (root / "keys" / "evaluator.key").string();
  trust::SenderPins senders;
  senders.pinCertificate(
      "0101", trust::readPemCertificate((root / "keys" / "municipality.crt").string()), "test");
  open.senders = &senders;
  open.workDir = (root / "open-work").string();
  open.outputDir = out.string();
  return package::openPackage(open);
}

}  // namespace brobyg::test
