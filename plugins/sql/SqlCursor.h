// The sql source's cursor: the watermark and tie-breaker key of the last row delivered, as
// the database returned them (text), so that the next run asks for the rows after exactly
// that pair. Opaque to the host.
//
// Written "sql1 <bytes>:<watermark> <bytes>:<key>": length-prefixed, so that either value
// may hold any byte.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace brobyg::sql {

// Each value is at most this long; a longer one is not a watermark.
inline constexpr std::size_t kMaxCursorValueBytes = 4096;

struct SqlCursor {
  std::string watermark;
  std::string key;

  std::string serialise() const;
  // Nothing when `text` is not a cursor this version wrote (the caller says which setting
  // to check, without quoting the text).
  static std::optional<SqlCursor> parse(std::string_view text);

  bool operator==(const SqlCursor& other) const = default;
};

}  // namespace brobyg::sql
