#include "ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <charconv>

namespace brobyg::csv {
namespace {

constexpr std::string_view kVersionLine = "brobyg-csv-cursor 1";

[[noreturn]] void malformed() {
  // Never quote the cursor: it holds file names.
  throw sdk::Error("the stored csv cursor is malformed; clear the instance's cursor to re-read");
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

bool isHexDigest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

ProcessedFiles ProcessedFiles::parse(std::string_view cursor) {
  ProcessedFiles files;
  bool first = true;
  while (!cursor.empty()) {
    const size_t newline = cursor.find('\n');
    const std::string_view line = cursor.substr(0, newline);
    cursor = newline == std::string_view::npos ? std::string_view{} : cursor.substr(newline + 1);
    if (first) {
      if (line != kVersionLine) malformed();
      first = false;
      continue;
    }
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) malformed();
    const std::string_view hash = line.substr(0, tab1);
    const std::string_view size = line.substr(tab1 + 1, tab2 - tab1 - 1);
    Entry entry;
    const auto parsed = std::from_chars(size.data(), size.data() + size.size(), entry.size);
    if (!isHexDigest(hash) || parsed.ec != std::errc() || parsed.ptr != size.data() + size.size())
      malformed();
    entry.sha256 = hash;
    files.entries_[unescape(line.substr(tab2 + 1))] = std::move(entry);
  }
  if (first) malformed();
  return files;
}

std::string ProcessedFiles::serialise() const {
  std::string out(kVersionLine);
  out.push_back('\n');
  for (const auto& [path, entry] : entries_) {
    out += entry.sha256;
    out.push_back('\t');
    out += std::to_string(entry.size);
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

void ProcessedFiles::record(const std::string& path, std::uint64_t size, std::string sha256) {
  entries_[path] = Entry{size, std::move(sha256)};
}

}  // namespace brobyg::csv
