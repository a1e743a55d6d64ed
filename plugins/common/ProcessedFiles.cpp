#include "ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <charconv>

namespace brobyg::files {
namespace {

// Thrown as the one error of any parse failure. Never quotes the cursor: it holds file names.
struct Malformed {};

[[noreturn]] void malformed() {
  throw Malformed{};
}

void appendEscaped(std::string_view path, std::string& out) {
  for (char c : path) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
}

std::string unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out.push_back(text[i]);
      continue;
    }
    if (++i == text.size()) malformed();
    if (text[i] == '\\') {
      out.push_back('\\');
    } else if (text[i] == 't') {
      out.push_back('\t');
    } else if (text[i] == 'n') {
      out.push_back('\n');
    } else {
      malformed();
    }
  }
  return out;
}

std::uint64_t number(std::string_view text) {
  std::uint64_t value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != text.data() + text.size())
    malformed();
  return value;
}

// Cuts `line` at its next tab: the text before it, the rest after it.
std::string_view column(std::string_view& line) {
  const size_t tab = line.find('\t');
  if (tab == std::string_view::npos) malformed();
  const std::string_view text = line.substr(0, tab);
  line.remove_prefix(tab + 1);
  return text;
}

bool isHexDigest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

ProcessedFiles ProcessedFiles::parse(std::string_view cursor, const CursorFormat& format) {
  try {
    return parseLines(cursor, format);
  } catch (const Malformed&) {
    throw sdk::Error("the stored " + std::string(format.plugin) +
                     " cursor is malformed; clear the instance's cursor to re-read");
  }
}

ProcessedFiles ProcessedFiles::parseLines(std::string_view cursor, const CursorFormat& format) {
  ProcessedFiles files(format);
  bool first = true;
  bool withResume = true;
  while (!cursor.empty()) {
    const size_t newline = cursor.find('\n');
    std::string_view line = cursor.substr(0, newline);
    cursor = newline == std::string_view::npos ? std::string_view{} : cursor.substr(newline + 1);
    if (first) {
      withResume = line == format.versionLine;
      if (!withResume && (format.legacyVersionLine.empty() || line != format.legacyVersionLine))
        malformed();
      first = false;
      continue;
    }
    Entry entry;
    const std::string_view hash = column(line);
    if (!isHexDigest(hash)) malformed();
    entry.sha256 = hash;
    entry.size = number(column(line));
    if (withResume) {
      Resume resume;
      resume.offset = number(column(line));
      resume.line = number(column(line));
      if (resume.offset > entry.size || resume.line == 0) malformed();
      entry.resume = resume;
    }
    files.entries_[unescape(line)] = std::move(entry);
  }
  if (first) malformed();
  return files;
}

std::string ProcessedFiles::serialise() const {
  std::string out(format_.versionLine);
  out.push_back('\n');
  for (const auto& [path, entry] : entries_) {
    out += entry.sha256;
    out.push_back('\t');
    out += std::to_string(entry.size);
    out.push_back('\t');
    const Resume resume = entry.resume.value_or(Resume{0, 1});  // 0: read it all
    out += std::to_string(resume.offset);
    out.push_back('\t');
    out += std::to_string(resume.line);
    out.push_back('\t');
    appendEscaped(path, out);
    out.push_back('\n');
  }
  return out;
}

const ProcessedFiles::Entry* ProcessedFiles::find(const std::string& path) const {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : &it->second;
}

void ProcessedFiles::record(const std::string& path, std::uint64_t size, std::string sha256,
                            std::optional<Resume> resume) {
  entries_[path] = Entry{size, std::move(sha256), resume};
}

}  // namespace brobyg::files
