#include "SqlCursor.h"

#include <charconv>

namespace brobyg::sql {
namespace {

constexpr std::string_view kMagic = "sql1 ";

void appendValue(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

// Reads "<bytes>:<value>" at the front of `text` and moves past it.
std::optional<std::string> readValue(std::string_view& text) {
  std::size_t size = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto [stop, ec] = std::from_chars(begin, end, size);
  if (ec != std::errc() || stop == begin || stop == end || *stop != ':') return std::nullopt;
  if (stop - begin > 1 && *begin == '0') return std::nullopt;  // one spelling per length
  if (size > kMaxCursorValueBytes) return std::nullopt;
  const std::size_t header = static_cast<std::size_t>(stop - begin) + 1;
  if (text.size() - header < size) return std::nullopt;
  std::string value(text.substr(header, size));
  text.remove_prefix(header + size);
  return value;
}

}  // namespace

std::string SqlCursor::serialise() const {
  std::string out(kMagic);
  appendValue(out, watermark);
  out += ' ';
  appendValue(out, key);
  return out;
}

std::optional<SqlCursor> SqlCursor::parse(std::string_view text) {
  if (text.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  text.remove_prefix(kMagic.size());
  auto watermark = readValue(text);
  if (!watermark || text.empty() || text.front() != ' ') return std::nullopt;
  text.remove_prefix(1);
  auto key = readValue(text);
  if (!key || !text.empty()) return std::nullopt;
  return SqlCursor{std::move(*watermark), std::move(*key)};
}

}  // namespace brobyg::sql
