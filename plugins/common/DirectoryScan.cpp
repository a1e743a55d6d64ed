#include "DirectoryScan.h"

#include <brobyg_plugin.hpp>

#include <algorithm>

namespace brobyg::files {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c;
}

template <typename Iterator>
void collect(Iterator it, const std::filesystem::path& directory, const std::string& pattern,
             std::vector<FoundFile>& out) {
  std::error_code ec;
  for (const Iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const std::filesystem::directory_entry& entry = *it;
    // The entry itself, not what a link points to: links are the reader's decision.
    std::error_code statError;
    const auto type = entry.symlink_status(statError).type();
    if (statError) continue;  // vanished between listing and stat
    if (type != std::filesystem::file_type::regular && type != std::filesystem::file_type::symlink)
      continue;
    if (!globMatch(pattern, entry.path().filename().string())) continue;
    FoundFile file;
    file.path = entry.path();
    file.relative = entry.path().lexically_relative(directory).generic_string();
    file.symlink = type == std::filesystem::file_type::symlink;
    out.push_back(std::move(file));
  }
  if (ec) throw sdk::Error("cannot list directory '" + directory.string() + "'");
}

}  // namespace

bool globMatch(std::string_view pattern, std::string_view name) {
  // Iterative matcher with one backtrack point: linear for the usual patterns.
  size_t p = 0;
  size_t n = 0;
  size_t starP = std::string_view::npos;
  size_t starN = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starN = n;
    } else if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(name[n]))) {
      ++p, ++n;
    } else if (starP != std::string_view::npos) {
      p = starP + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<FoundFile> scanDirectory(const std::filesystem::path& directory,
                                     const std::string& pattern, bool recursive) {
  std::vector<FoundFile> files;
  std::error_code ec;
  if (recursive) {
    collect(std::filesystem::recursive_directory_iterator(directory, ec), directory, pattern,
            files);
  } else {
    collect(std::filesystem::directory_iterator(directory, ec), directory, pattern, files);
  }
  if (ec) throw sdk::Error("cannot list directory '" + directory.string() + "'");
  std::sort(files.begin(), files.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.relative < b.relative; });
  return files;
}

}  // namespace brobyg::files
