// Checks that a response body is one JSON object or array (RFC 8259, UTF-8) before Poco
// parses it, so that an error can name its line and column without quoting the body, and so
// that nesting deeper than kMaxJsonDepth never reaches Poco's recursive parser. Accepts what
// Poco 1.11 parses and nothing else (fuzz/rest_page.cpp checks it): no lone surrogate in a
// \u escape, whole numbers within 64 bits, other numbers finite doubles.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace brobyg::rest {

inline constexpr std::size_t kMaxJsonDepth = 64;

struct JsonSyntaxError {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
  std::string problem;     // fixed text; never a piece of the body
};

// Nothing when `text` is valid JSON; else where and what the first problem is.
std::optional<JsonSyntaxError> checkJsonSyntax(std::string_view text);

}  // namespace brobyg::rest
