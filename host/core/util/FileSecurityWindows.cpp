// clang-format off
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
// clang-format on
#include <fcntl.h>
#include <io.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/WindowsPath.h"

namespace brobyg {
namespace fs = std::filesystem;

namespace {

struct LocalFreer {
  void operator()(void* p) const { LocalFree(p); }
};
using LocalPtr = std::unique_ptr<void, LocalFreer>;

// Rights that let someone other than the owner read the content, change it, delete (and so
// replace) the file, or give themselves those rights: what POSIX mode bits 077 stand for.
constexpr DWORD kOthersMustNotHave = FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE |
                                     WRITE_DAC | WRITE_OWNER | GENERIC_READ | GENERIC_WRITE |
                                     GENERIC_ALL;

// The SID of the account running brobyg (the process token's user).
std::vector<unsigned char> currentUserSid() {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
    throw Error("cannot read the process token: " + windowsErrorText(GetLastError()));
  DWORD size = 0;
  GetTokenInformation(token, TokenUser, nullptr, 0, &size);
  std::vector<unsigned char> buffer(size);
  const bool ok = GetTokenInformation(token, TokenUser, buffer.data(), size, &size);
  CloseHandle(token);
  if (!ok) throw Error("cannot read the process token: " + windowsErrorText(GetLastError()));
  PSID user = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
  std::vector<unsigned char> sid(GetLengthSid(user));
  CopySid(static_cast<DWORD>(sid.size()), sid.data(), user);
  return sid;
}

bool trusted(PSID sid, PSID user) {
  return EqualSid(sid, user) || IsWellKnownSid(sid, WinLocalSystemSid) ||
         IsWellKnownSid(sid, WinBuiltinAdministratorsSid);
}

// "DOMAIN\name" of an account (the name of a group such as Everyone), or its SID string.
std::string accountName(PSID sid) {
  wchar_t name[256], domain[256];
  DWORD nameSize = 256, domainSize = 256;
  SID_NAME_USE use;
  std::wstring text;
  if (LookupAccountSidW(nullptr, sid, name, &nameSize, domain, &domainSize, &use)) {
    text = domainSize > 0 ? std::wstring(domain) + L"\\" + name : std::wstring(name);
  } else {
    wchar_t* sidText = nullptr;
    if (!ConvertSidToStringSidW(sid, &sidText)) return "an unknown account";
    text = sidText;
    LocalFree(sidText);
  }
  return utf8Path(text.c_str());
}

std::string fixCommand(const std::string& path) {
  return "icacls \"" + path +
         "\" /inheritance:r /grant:r \"%USERNAME%:F\" SYSTEM:F Administrators:F, and remove "
         "every other entry";
}

// Why a file with this owner and access list is not private, or "".
std::string securityProblem(PSID owner, PACL dacl, const std::string& path) {
  std::vector<unsigned char> user = currentUserSid();
  if (owner == nullptr || !trusted(owner, user.data()))
    return "owned by " + (owner ? accountName(owner) : std::string("no one")) +
           ", not by the account running brobyg; run as that account, or: icacls \"" + path +
           "\" /setowner \"%USERNAME%\"";
  if (dacl == nullptr)
    return "has no access list, so everyone can read and change it; run: " + fixCommand(path);
  for (DWORD i = 0; i < dacl->AceCount; ++i) {
    ACE_HEADER* header = nullptr;
    if (!GetAce(dacl, i, reinterpret_cast<void**>(&header))) continue;
    if (header->AceFlags & INHERIT_ONLY_ACE) continue;  // applies to what a folder holds
    if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) {
      if (header->AceType == ACCESS_DENIED_ACE_TYPE) continue;
      return "has an access rule brobyg cannot judge (type " + std::to_string(header->AceType) +
             "); run: " + fixCommand(path);
    }
    auto* ace = reinterpret_cast<ACCESS_ALLOWED_ACE*>(header);
    PSID sid = &ace->SidStart;
    if ((ace->Mask & kOthersMustNotHave) != 0 && !trusted(sid, user.data()))
      return "readable or writable by " + accountName(sid) + "; run: " + fixCommand(path);
  }
  return {};
}

std::string handleProblem(HANDLE handle, const std::string& path) {
  PSID owner = nullptr;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  DWORD rc = GetSecurityInfo(handle, SE_FILE_OBJECT,
                             OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner,
                             nullptr, &dacl, nullptr, &sd);
  if (rc != ERROR_SUCCESS) return "cannot read its access list: " + windowsErrorText(rc);
  LocalPtr keep(sd);
  return securityProblem(owner, dacl, path);
}

// securityProblem of the file or folder `wide` (that is `path`), read by name.
std::string namedProblem(const std::wstring& wide, const std::string& path) {
  PSID owner = nullptr;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  DWORD rc = GetNamedSecurityInfoW(wide.c_str(), SE_FILE_OBJECT,
                                   OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner,
                                   nullptr, &dacl, nullptr, &sd);
  if (rc != ERROR_SUCCESS) return "cannot read its access list: " + windowsErrorText(rc);
  LocalPtr keep(sd);
  return securityProblem(owner, dacl, path);
}

}  // namespace

std::string privateFileProblem(const std::string& path) {
  const std::wstring wide = widePath(path);
  DWORD attributes = GetFileAttributesW(wide.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) {
    DWORD err = GetLastError();
    return err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND
               ? "file does not exist"
               : "cannot read its attributes: " + windowsErrorText(err);
  }
  if (attributes & FILE_ATTRIBUTE_DIRECTORY) return "not a regular file";
  return namedProblem(wide, path);
}

std::string privateFolderProblem(const std::string& path) {
  const std::wstring wide = widePath(path);
  DWORD attributes = GetFileAttributesW(wide.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES)
    return "cannot read its attributes: " + windowsErrorText(GetLastError());
  if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) return "not a folder";
  std::string problem = namedProblem(wide, path);
  return problem.empty() ? problem : "open to others: " + problem;
}

int openPrivateFile(const std::string& path, const std::string& what) {
  int fd = ::_wopen(widePath(path).c_str(), _O_RDONLY | _O_BINARY | _O_NOINHERIT);
  if (fd < 0) {
    int error = errno;
    refusePrivateFile(path, what, error == ENOENT ? "file does not exist" : std::strerror(error));
  }
  auto handle = reinterpret_cast<HANDLE>(::_get_osfhandle(fd));
  std::string problem =
      GetFileType(handle) != FILE_TYPE_DISK ? "not a regular file" : handleProblem(handle, path);
  if (!problem.empty()) {
    ::_close(fd);
    refusePrivateFile(path, what, problem);
  }
  return fd;
}

void makePrivate(const std::string& path) {
  const std::wstring wide = widePath(path);
  std::vector<unsigned char> user = currentUserSid();
  wchar_t* userText = nullptr;
  if (!ConvertSidToStringSidW(user.data(), &userText))
    throw Error(path + ": cannot restrict access: " + windowsErrorText(GetLastError()));
  std::wstring sidText = userText;
  LocalFree(userText);
  // P: protected (nothing inherited from the parent); OICI: a folder passes it on.
  const std::wstring inherit =
      (GetFileAttributesW(wide.c_str()) & FILE_ATTRIBUTE_DIRECTORY) ? L"OICI" : L"";
  const std::wstring sddl = L"D:P(A;" + inherit + L";FA;;;" + sidText + L")(A;" + inherit +
                            L";FA;;;SY)(A;" + inherit + L";FA;;;BA)";
  PSECURITY_DESCRIPTOR sd = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &sd,
                                                            nullptr))
    throw Error(path + ": cannot restrict access: " + windowsErrorText(GetLastError()));
  LocalPtr keep(sd);
  // SetFileSecurityW, not SetNamedSecurityInfoW: the same effect on Windows, and the one of
  // the two that Wine 8 applies (it reports success for the other and keeps the old list).
  if (!SetFileSecurityW(wide.c_str(),
                        DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, sd))
    throw Error(path + ": cannot restrict access: " + windowsErrorText(GetLastError()));
}

void createPrivateDirectory(const std::string& path) {
  std::error_code ec;
  const fs::path folder(widePath(path));
  if (fs::is_directory(folder, ec)) return;
  fs::create_directories(folder, ec);
  if (ec) throw Error(path + ": cannot create folder: " + ec.message());
  makePrivate(path);
}

}  // namespace brobyg
