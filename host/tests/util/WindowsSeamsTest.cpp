// The Windows files of the util seams (FileSecurityWindows.cpp, FileLockWindows.cpp,
// DurableFileWindows.cpp), run under Wine by scripts/windows.sh. Built only for Windows; the
// POSIX files have their own tests (FileSecurityTest.cpp, FileLockTest.cpp, AtomicFileTest.cpp).
// clang-format off
#include <windows.h>
#include <aclapi.h>
// clang-format on
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "util/DurableFile.h"
#include "util/Error.h"
#include "util/FileLock.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("brobyg-win-" + std::to_string(GetCurrentProcessId()));
  fs::create_directories(dir);
  return dir / name;
}

// Adds an access rule granting `rights` to a well-known group (Everyone, Users) to the file's
// existing access list, as `icacls file /grant Everyone:R` would.
void grant(const fs::path& file, WELL_KNOWN_SID_TYPE group, DWORD rights) {
  BYTE sid[SECURITY_MAX_SID_SIZE];
  DWORD sidSize = sizeof sid;
  ASSERT_TRUE(CreateWellKnownSid(group, nullptr, sid, &sidSize));
  PACL old = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  ASSERT_EQ(GetNamedSecurityInfoW(file.wstring().c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION,
                                  nullptr, nullptr, &old, nullptr, &sd),
            static_cast<DWORD>(ERROR_SUCCESS));
  EXPLICIT_ACCESSW access{};
  access.grfAccessPermissions = rights;
  access.grfAccessMode = GRANT_ACCESS;
  access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
  access.Trustee.ptstrName = reinterpret_cast<wchar_t*>(sid);
  PACL updated = nullptr;
  ASSERT_EQ(SetEntriesInAclW(1, &access, old, &updated), static_cast<DWORD>(ERROR_SUCCESS));
  ASSERT_EQ(SetNamedSecurityInfoW(const_cast<wchar_t*>(file.wstring().c_str()), SE_FILE_OBJECT,
                                  DACL_SECURITY_INFORMATION, nullptr, nullptr, updated, nullptr),
            static_cast<DWORD>(ERROR_SUCCESS));
  LocalFree(updated);
  LocalFree(sd);
}

}  // namespace

TEST(WindowsFileSecurity, PrivateFileIsAcceptedAndEveryoneReadableIsRefused) {
  fs::path file = scratch("key.pem");
  std::ofstream(file) << "secret";
  brobyg::makePrivate(file.string());
  EXPECT_EQ(brobyg::privateFileProblem(file.string()), "");
  int fd = brobyg::openPrivateFile(file.string(), "signing key");
  EXPECT_GE(fd, 0);
  _close(fd);

  grant(file, WinWorldSid, GENERIC_READ);
  std::string problem = brobyg::privateFileProblem(file.string());
  EXPECT_NE(problem.find("readable or writable by"), std::string::npos) << problem;
  EXPECT_NE(problem.find("Everyone"), std::string::npos) << problem;
  EXPECT_NE(problem.find("icacls"), std::string::npos) << problem;
  try {
    brobyg::openPrivateFile(file.string(), "signing key");
    FAIL() << "a key file Everyone can read was opened";
  } catch (const brobyg::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("signing key refused: readable or writable by"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("secret"), std::string::npos);
  }
  fs::remove_all(file.parent_path());
}

TEST(WindowsFileSecurity, UsersWriteIsRefusedAndMakePrivateRepairs) {
  fs::path file = scratch("project.key");
  std::ofstream(file) << "secret";
  brobyg::makePrivate(file.string());
  grant(file, WinBuiltinUsersSid, FILE_GENERIC_WRITE);
  EXPECT_NE(brobyg::privateFileProblem(file.string()), "");
  brobyg::makePrivate(file.string());  // the protected list replaces every other rule
  EXPECT_EQ(brobyg::privateFileProblem(file.string()), "");
  fs::remove_all(file.parent_path());
}

TEST(WindowsFileSecurity, FoldersAndMissingFiles) {
  fs::path dir = scratch("state") / "a";
  brobyg::createPrivateDirectory(dir.string());
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(brobyg::privateFileProblem(dir.string()), "not a regular file");
  EXPECT_EQ(brobyg::privateFileProblem((dir / "none").string()), "file does not exist");
  fs::remove_all(dir.parent_path().parent_path());
}

// The state and inbox folders' check (brobyg check): a private folder passes, one that Users
// can read is refused with the repair named, a file is not a folder.
TEST(WindowsFileSecurity, FolderOthersCanReadIsRefused) {
  fs::path dir = scratch("state-check") / "state";
  brobyg::createPrivateDirectory(dir.string());
  EXPECT_EQ(brobyg::privateFolderProblem(dir.string()), "");
  grant(dir, WinBuiltinUsersSid, GENERIC_READ);
  std::string problem = brobyg::privateFolderProblem(dir.string());
  EXPECT_NE(problem.find("open to others: readable or writable by"), std::string::npos) << problem;
  EXPECT_NE(problem.find("icacls"), std::string::npos) << problem;
  std::ofstream(dir.parent_path() / "file") << "x";
  EXPECT_EQ(brobyg::privateFolderProblem((dir.parent_path() / "file").string()), "not a folder");
  fs::remove_all(dir.parent_path().parent_path());
}

// A file created in a private folder inherits its access list: private without more ado.
// Wine does not inherit access lists (tests/windows/wine-skips.txt).
TEST(WindowsFileSecurity, NewFilesInAPrivateFolderArePrivate) {
  fs::path dir = scratch("inherit") / "a";
  brobyg::createPrivateDirectory(dir.string());
  std::ofstream(dir / "inside") << "x";
  EXPECT_EQ(brobyg::privateFileProblem((dir / "inside").string()), "");
  fs::remove_all(dir.parent_path().parent_path());
}

TEST(WindowsFileLock, SecondHandleIsRefusedUntilTheFirstLetsGo) {
  fs::path path = scratch("job.lock");
  {
    brobyg::FileLock first(path.string(), "job 'x'");
    try {
      brobyg::FileLock second(path.string(), "job 'x'");
      FAIL() << "a second lock on the same file was granted";
    } catch (const brobyg::Error& e) {
      EXPECT_STREQ(e.what(), "job 'x' is already running in another process");
    }
  }
  EXPECT_NO_THROW(brobyg::FileLock again(path.string(), "job 'x'"));
  fs::remove_all(path.parent_path());
}

TEST(WindowsDurableFile, PublishNeverReplacesAndDurableRenameDoes) {
  fs::path a = scratch("a"), b = scratch("b"), target = scratch("target");
  std::ofstream(a) << "first";
  std::ofstream(b) << "second";
  EXPECT_TRUE(brobyg::publishNoReplace(a.string(), target.string()));
  EXPECT_FALSE(fs::exists(a));
  EXPECT_FALSE(brobyg::publishNoReplace(b.string(), target.string()));
  EXPECT_TRUE(fs::exists(b));
  brobyg::durableRename(b.string(), target.string());
  std::ifstream in(target);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "second");
  in.close();
  fs::remove_all(target.parent_path());
}
