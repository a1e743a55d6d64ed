#include "FileMode.h"

#include <filesystem>
#include <stdexcept>

#ifdef _WIN32
// clang-format off
#include <windows.h>
#include <aclapi.h>
// clang-format on

#include "util/FileSecurity.h"
#endif

namespace brobyg::test {

void setFileMode(const std::string& path, unsigned mode) {
#ifdef _WIN32
  brobyg::makePrivate(path);
  if ((mode & 077u) == 0) return;
  // Everyone may read it, as `icacls file /grant Everyone:R` would add.
  BYTE sid[SECURITY_MAX_SID_SIZE];
  DWORD sidSize = sizeof sid;
  PACL old = nullptr;
  PACL updated = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  const std::wstring wide = std::filesystem::path(path).wstring();
  if (!CreateWellKnownSid(WinWorldSid, nullptr, sid, &sidSize) ||
      GetNamedSecurityInfoW(wide.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                            nullptr, &old, nullptr, &sd) != ERROR_SUCCESS)
    throw std::runtime_error("cannot read the access list of " + path);
  EXPLICIT_ACCESSW access{};
  access.grfAccessPermissions = GENERIC_READ;
  access.grfAccessMode = GRANT_ACCESS;
  access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
  access.Trustee.ptstrName = reinterpret_cast<wchar_t*>(sid);
  const bool ok = SetEntriesInAclW(1, &access, old, &updated) == ERROR_SUCCESS &&
                  SetNamedSecurityInfoW(const_cast<wchar_t*>(wide.c_str()), SE_FILE_OBJECT,
                                        DACL_SECURITY_INFORMATION, nullptr, nullptr, updated,
                                        nullptr) == ERROR_SUCCESS;
  LocalFree(updated);
  LocalFree(sd);
  if (!ok) throw std::runtime_error("cannot let Everyone read " + path);
#else
  std::filesystem::permissions(path, static_cast<std::filesystem::perms>(mode),
                               std::filesystem::perm_options::replace);
#endif
}

}  // namespace brobyg::test
