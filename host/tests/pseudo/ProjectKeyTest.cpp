#include "pseudo/ProjectKey.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "TempDir.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Hex.h"

namespace brobyg::pseudo {
namespace {
namespace fs = std::filesystem;
using test::TempDir;
using test::writeFileWithMode;

const std::string kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
// printf '%s' 000102...1f | xxd -r -p | sha256sum | cut -c1-16
const std::string kKeyId = "630dcd2966c43366";

std::string loadError(const std::string& path) {
  try {
    ProjectKey::load(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ProjectKey, LoadsHexWithOrWithoutNewline) {
  TempDir dir;
  for (const std::string& content : {kHex, kHex + "\n", kHex + "\r\n"}) {
    writeFileWithMode(dir.file("k"), content, 0600);
    ProjectKey key = ProjectKey::load(dir.file("k"));
    EXPECT_EQ(toHex(key.bytes().data(), key.bytes().size()), kHex);
    EXPECT_EQ(key.id(), kKeyId);
  }
}

TEST(ProjectKey, AcceptsUppercaseHex) {
  TempDir dir;
  writeFileWithMode(dir.file("k"),
                    "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F\n", 0600);
  EXPECT_EQ(ProjectKey::load(dir.file("k")).id(), kKeyId);
}

TEST(ProjectKey, RefusesWrongLengthsNamingTheFileNotTheContent) {
  TempDir dir;
  const std::string path = dir.file("bad.key");
  for (const std::string& content :
       {std::string(), kHex.substr(0, 62), kHex.substr(0, 63), kHex + "0", kHex + "00",
        kHex + "\n\n", kHex + "\r", kHex + " ", " " + kHex, kHex + "\n" + kHex}) {
    writeFileWithMode(path, content, 0600);
    std::string error = loadError(path);
    EXPECT_NE(error.find(path), std::string::npos) << error;
    EXPECT_NE(error.find("64 hexadecimal digits"), std::string::npos) << error;
    EXPECT_EQ(error.find("0a0b0c"), std::string::npos) << error;
  }
}

TEST(ProjectKey, RefusesNonHex) {
  TempDir dir;
  std::string content = kHex;
  content[10] = 'g';
  writeFileWithMode(dir.file("k"), content, 0600);
  std::string error = loadError(dir.file("k"));
  EXPECT_NE(error.find("not a hexadecimal digit"), std::string::npos) << error;
  EXPECT_EQ(error.find("0a0b0c"), std::string::npos) << error;
}

TEST(ProjectKey, RefusesFilesOthersCanRead) {
  TempDir dir;
  for (unsigned mode : {0644u, 0640u, 0604u, 0620u}) {
    writeFileWithMode(dir.file("k"), kHex + "\n", mode);
    std::string error = loadError(dir.file("k"));
    EXPECT_NE(error.find(dir.file("k")), std::string::npos) << error;
    EXPECT_NE(error.find("refused"), std::string::npos) << error;
  }
  writeFileWithMode(dir.file("k"), kHex + "\n", 0400);
  EXPECT_EQ(loadError(dir.file("k")), "");
}

// Issue #11: the owner is checked as well as the mode. POSIX uids only; the Windows owner and
// ACL check is covered by host/tests/util/WindowsSeamsTest.cpp.
#ifndef _WIN32
TEST(ProjectKey, RefusesAKeyOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  TempDir dir;
  writeFileWithMode(dir.file("k"), kHex + "\n", 0600);
  EXPECT_EQ(loadError(dir.file("k")), "");
  ASSERT_EQ(::chown(dir.file("k").c_str(), 65534, 65534), 0);  // nobody
  std::string error = loadError(dir.file("k"));
  EXPECT_NE(error.find("owned by uid 65534"), std::string::npos) << error;
  EXPECT_EQ(error.find("0a0b0c"), std::string::npos) << error;
}
#endif

TEST(ProjectKey, RefusesAMissingFile) {
  TempDir dir;
  EXPECT_NE(loadError(dir.file("absent")).find(dir.file("absent")), std::string::npos);
}

TEST(ProjectKey, MoveWipesTheSource) {
  ProjectKey::Bytes bytes{};
  bytes.fill(0x5a);
  ProjectKey first = ProjectKey::fromBytes(bytes);
  ProjectKey second(std::move(first));
  EXPECT_EQ(second.bytes(), bytes);
  ProjectKey::Bytes zero{};
  EXPECT_EQ(first.bytes(), zero);  // NOLINT(bugprone-use-after-move): checking the wipe
}

TEST(KeyGen, CreatesAPrivateLoadableKey) {
  TempDir dir;
  const std::string path = dir.file("project.key");
  std::string id = generateKeyFile(path);
#ifdef _WIN32
  EXPECT_EQ(privateFileProblem(path), "");  // the access list, not the POSIX mode bits
#else
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
#endif
  EXPECT_EQ(fs::file_size(path), 65u);
  ProjectKey key = ProjectKey::load(path);
  EXPECT_EQ(key.id(), id);
  EXPECT_EQ(id.size(), 16u);
  // Only the key file is left in the folder, no temp file.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(KeyGen, TwoKeysDiffer) {
  TempDir dir;
  EXPECT_NE(generateKeyFile(dir.file("a")), generateKeyFile(dir.file("b")));
}

TEST(KeyGen, RefusesToOverwrite) {
  TempDir dir;
  const std::string path = dir.file("project.key");
  writeFileWithMode(path, kHex + "\n", 0600);
  try {
    generateKeyFile(path);
    FAIL() << "overwrote an existing key file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("refusing to overwrite"), std::string::npos);
  }
  EXPECT_EQ(ProjectKey::load(path).id(), kKeyId);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

// Making a symlink needs a privilege on Windows (mingw's libstdc++ does not implement it).
#ifndef _WIN32
TEST(KeyGen, RefusesToReplaceADanglingSymlink) {
  TempDir dir;
  const std::string path = dir.file("project.key");
  fs::create_symlink(dir.file("elsewhere"), path);
  EXPECT_THROW(generateKeyFile(path), Error);
  EXPECT_FALSE(fs::exists(dir.file("elsewhere")));
}
#endif

}  // namespace
}  // namespace brobyg::pseudo
