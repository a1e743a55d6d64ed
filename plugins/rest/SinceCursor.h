// The incremental cursor of the rest source.
//
// The server is asked for records whose cursor_field is at or after the last value seen
// (since_param, inclusive). The cursor keeps that value and a digest of the tie_breaker of
// every record delivered with exactly that value. A record at the last value is skipped when
// its digest is in the set, so records sharing a value across two runs are neither lost
// (the filter is inclusive) nor read twice (the set). A record below the last value was
// delivered by an earlier run and is skipped. Only digests (SHA-256, 128 bits) of tie-breaker
// values are stored, never a record value but the cursor value itself.
//
// Serialised as JSON: {"v":1,"since":"<value>","ties":["<32 hex>",...]}.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace brobyg::rest {

// <0, 0, >0 as a is before, equal to or after b: as whole numbers when both are (an optional
// '-' and digits), else byte by byte.
int compareCursorValues(std::string_view a, std::string_view b);

class SinceCursor {
 public:
  SinceCursor() = default;
  // Throws sdk::Error when the text is not a cursor this plugin wrote.
  static SinceCursor parse(const std::string& text);
  std::string serialise() const;

  // The value to send as since_param; nothing on the first run.
  const std::optional<std::string>& since() const { return since_; }

  // True when the record was delivered before (below the value, or at it with a known tie).
  bool seen(std::string_view value, std::string_view tie) const;
  // Records a delivered record; the cursor moves to the largest value.
  void deliver(std::string_view value, std::string_view tie);

 private:
  static std::string digest(std::string_view tie);

  std::optional<std::string> since_;
  std::set<std::string> ties_;
};

}  // namespace brobyg::rest
