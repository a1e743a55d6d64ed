#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "util/AtomicFile.h"
#include "util/Utf8Path.h"

namespace fs = std::filesystem;

namespace {
// "Køge kommune/Fraværsdata" in UTF-8, spelled out in bytes so that the test does not depend on
// the source file's encoding.
const std::string kFolder = "K\xC3\xB8ge kommune";
const std::string kFile = "frav\xC3\xA6rsdata.csv";

// The names as the system must see them: UTF-16 code units for the wide Windows API, the UTF-8
// bytes on POSIX.
#ifdef _WIN32
const fs::path::string_type kNativeFolder = L"K\u00F8ge kommune";
const fs::path::string_type kNativeFile = L"frav\u00E6rsdata.csv";
const fs::path::string_type kNativeOther = L"b\u00F8rn.txt";
#else
const fs::path::string_type kNativeFolder = kFolder;
const fs::path::string_type kNativeFile = kFile;
const fs::path::string_type kNativeOther = "b\xC3\xB8rn.txt";
#endif

fs::path freshDir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("brobyg-utf8path-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST(Utf8Path, ConvertsBothWaysWithoutLoss) {
  const std::string text = kFolder + "/" + kFile;
  EXPECT_EQ(brobyg::utf8FromPath(brobyg::pathFromUtf8(text)), text);
  EXPECT_EQ(brobyg::utf8FromPath(brobyg::pathFromUtf8(kFolder).filename()), kFolder);
}

TEST(Utf8Path, TheSystemSeesTheNameAsWritten) {
  // mingw's fs::path(std::string) read each byte as a character: "KÃ¸ge".
  EXPECT_EQ(brobyg::pathFromUtf8(kFolder).native(), kNativeFolder);
  EXPECT_EQ(brobyg::pathFromUtf8(kFile).native(), kNativeFile);
}

TEST(Utf8Path, OpensReadsAndListsFilesInAFolderNamedOutsideAscii) {
  const fs::path base = freshDir("open");
  const std::string folder = brobyg::joinUtf8(brobyg::utf8FromPath(base), kFolder);
  fs::create_directories(brobyg::pathFromUtf8(folder));
  const std::string file = brobyg::joinUtf8(folder, kFile);
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(brobyg::openFileUtf8(file, "wb"),
                                                        &std::fclose);
    ASSERT_TRUE(out) << "cannot create the file";
    ASSERT_GE(std::fputs("elev;dato\n", out.get()), 0);
  }
  // The listing, through the wide API on Windows, finds the folder and the file by their names.
  bool found = false;
  for (const auto& entry : fs::directory_iterator(base / kNativeFolder)) {
    EXPECT_EQ(entry.path().filename().native(), kNativeFile);
    found = true;
  }
  EXPECT_TRUE(found);
  std::ifstream in(brobyg::pathFromUtf8(file), std::ios::binary);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "elev;dato");
  in.close();
  // The host's own writers take the same UTF-8 paths.
  const std::string other = brobyg::joinUtf8(folder, "b\xC3\xB8rn.txt");
  brobyg::writeFileAtomically(other, "ok");
  EXPECT_EQ(brobyg::readFile(other), "ok");
  EXPECT_TRUE(fs::exists(base / kNativeFolder / kNativeOther));
  fs::remove_all(base);
}

TEST(Utf8Path, OpenFileReportsAMissingFileAsFopenDoes) {
  const fs::path base = freshDir("missing");
  EXPECT_EQ(brobyg::openFileUtf8(brobyg::joinUtf8(brobyg::utf8FromPath(base), kFile), "rb"),
            nullptr);
  fs::remove_all(base);
}
