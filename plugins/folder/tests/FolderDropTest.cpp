#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <brobyg_plugin.hpp>

#include "FolderDrop.h"

namespace fs = std::filesystem;
using brobyg::folder::FolderDrop;
using brobyg::folder::sha256OfFile;

namespace {

class FolderDropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("brobyg-folder-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "outbox");
    package_ = (root_ / "outbox" / "p.cms").string();
    std::ofstream(package_, std::ios::binary) << std::string(300000, 'x') << "end";
    size_ = fs::file_size(package_);
    sha_ = sha256OfFile(package_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> dropFiles() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(root_ / "drop"))
      names.push_back(e.path().filename().string());
    return names;
  }

  fs::path root_;
  std::string package_;
  std::uint64_t size_ = 0;
  std::string sha_;
};

}  // namespace

TEST_F(FolderDropTest, DeliversAnIdenticalCopyAndNoTempFile) {
  FolderDrop drop((root_ / "drop").string(), true);
  std::string receipt = drop.deliver(package_, "pkg-1.cms", size_, sha_);
  EXPECT_NE(receipt.find("sha256=" + sha_), std::string::npos);
  EXPECT_EQ(sha256OfFile((root_ / "drop" / "pkg-1.cms").string()), sha_);
  EXPECT_EQ(dropFiles(), std::vector<std::string>{"pkg-1.cms"});
}

TEST_F(FolderDropTest, RepeatedDeliveryIsIdempotent) {
  FolderDrop drop((root_ / "drop").string(), true);
  std::string first = drop.deliver(package_, "pkg-1.cms", size_, sha_);
  std::string second = drop.deliver(package_, "pkg-1.cms", size_, sha_);
  EXPECT_EQ(first, second);
  EXPECT_EQ(dropFiles().size(), 1u);
}

TEST_F(FolderDropTest, NeverOverwritesADifferentFile) {
  FolderDrop drop((root_ / "drop").string(), true);
  fs::create_directories(root_ / "drop");
  std::ofstream((root_ / "drop" / "pkg-1.cms").string()) << "someone else's file";
  EXPECT_THROW(drop.deliver(package_, "pkg-1.cms", size_, sha_), brobyg::sdk::Error);
  std::ifstream in((root_ / "drop" / "pkg-1.cms").string());
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "someone else's file");
  EXPECT_EQ(dropFiles().size(), 1u);
}

TEST_F(FolderDropTest, MissingFolderIsAnErrorUnlessAskedToCreate) {
  FolderDrop drop((root_ / "missing").string(), false);
  EXPECT_THROW(drop.check(), brobyg::sdk::Error);
  EXPECT_THROW(drop.deliver(package_, "pkg-1.cms", size_, sha_), brobyg::sdk::Error);
}

// `brobyg check` creates the instance and calls check: neither may make the folder.
TEST_F(FolderDropTest, CheckNeverCreatesTheFolderTheFirstDeliveryDoes) {
  const fs::path folder = root_ / "drop" / "vive";
  FolderDrop drop(folder.string(), true);
  EXPECT_NO_THROW(drop.check());
  EXPECT_FALSE(fs::exists(root_ / "drop")) << "check changed the file system";
  drop.deliver(package_, "pkg-1.cms", size_, sha_);
  EXPECT_TRUE(fs::exists(folder / "pkg-1.cms"));
}

TEST_F(FolderDropTest, CheckRefusesAFolderThatCannotBeMade) {
  std::ofstream(root_ / "file") << "not a folder";
  FolderDrop under((root_ / "file" / "drop").string(), true);
  EXPECT_THROW(under.check(), brobyg::sdk::Error);
#ifdef _WIN32
  GTEST_SKIP() << "a folder's POSIX mode bits do not stop writes on Windows";
#else
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into a read-only folder";
#endif
  fs::create_directories(root_ / "locked");
  fs::permissions(root_ / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  FolderDrop locked((root_ / "locked" / "drop").string(), true);
  EXPECT_THROW(locked.check(), brobyg::sdk::Error);
  fs::permissions(root_ / "locked", fs::perms::owner_all);
}

TEST_F(FolderDropTest, RefusesNamesThatLeaveTheFolder) {
  FolderDrop drop((root_ / "drop").string(), true);
  EXPECT_THROW(drop.deliver(package_, "../escape.cms", size_, sha_), brobyg::sdk::Error);
  EXPECT_THROW(drop.deliver(package_, ".hidden", size_, sha_), brobyg::sdk::Error);
  EXPECT_FALSE(fs::exists(root_ / "escape.cms"));
}

TEST_F(FolderDropTest, SizeMismatchLeavesNothingBehind) {
  FolderDrop drop((root_ / "drop").string(), true);
  EXPECT_THROW(drop.deliver(package_, "pkg-1.cms", size_ + 1, sha_), brobyg::sdk::Error);
  EXPECT_TRUE(dropFiles().empty());
}
