#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace brobyg {

// The identifier rule for everything that becomes a file or folder name (ids of jobs,
// sources, destinations, recipients and projects; the manifest's identifiers): a letter or
// digit, then letters, digits, '.', '_' or '-', at most 64 in all. So "." and ".." and
// anything with a separator are refused.
bool isSafeId(std::string_view id);

// Whether `child` lies strictly inside `parent`, compared lexically after normalising both
// ("a/b/../c" is inside "a"; "a/.." and "a" itself are not). Symbolic links are not
// followed: the state folder is the service's own.
bool insideParent(const std::filesystem::path& parent, const std::filesystem::path& child);

// parent / name, refusing (brobyg::Error naming `what`) a name that would leave `parent`.
// Use it for every path built from an id: state/work/<job>, state/locks/<job>.lock, ...
std::filesystem::path childPath(const std::filesystem::path& parent, const std::string& name,
                                const std::string& what);

}  // namespace brobyg
