#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "util/Error.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;

TEST(FileSecurity, RefusesFilesOthersCanRead) {
  fs::path file = fs::temp_directory_path() / ("brobyg-key-" + std::to_string(::getpid()));
  std::ofstream(file) << "secret";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  EXPECT_NO_THROW(brobyg::requirePrivateFile(file.string(), "key"));
  fs::permissions(file, fs::perms::group_read, fs::perm_options::add);
  try {
    brobyg::requirePrivateFile(file.string(), "key");
    FAIL();
  } catch (const brobyg::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("mode 640"), std::string::npos) << message;
    EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret"), std::string::npos);
  }
  fs::remove(file);
  EXPECT_EQ(brobyg::privateFileProblem(file.string()), "file does not exist");
}

TEST(FileSecurity, CreatesPrivateFolders) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-dir-" + std::to_string(::getpid())) / "a";
  brobyg::createPrivateDirectory(dir.string());
  EXPECT_EQ(fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
  fs::remove_all(dir.parent_path());
}
