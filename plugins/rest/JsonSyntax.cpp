#include "JsonSyntax.h"

#include "common/Text.h"

#include <charconv>
#include <cstdint>
#include <vector>

namespace brobyg::rest {
namespace {

// A cursor over the body that remembers where the first error is. Iterative over nesting
// (an explicit stack), so a hostile body cannot exhaust the call stack.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<JsonSyntaxError> run() {
    skipSpace();
    // RFC 8259 allows any value; Poco (and any page) needs an object or an array.
    if (atEnd() || (peek() != '{' && peek() != '[')) {
      fail("the text is not a JSON object or array");
      return error_;
    }
    if (!value()) return error_;
    skipSpace();
    if (pos_ != text_.size()) fail("text after the end of the JSON value");
    return error_;
  }

 private:
  enum class Open { Array, Object };

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  bool fail(const char* problem) {
    if (!error_) {
      JsonSyntaxError e;
      for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
        if (text_[i] == '\n') {
          ++e.line;
          e.column = 1;
        } else {
          ++e.column;
        }
      }
      e.problem = problem;
      error_ = e;
    }
    return false;
  }

  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      return fail("unknown word (not true, false or null)");
    pos_ += word.size();
    return true;
  }

  bool digits() {
    const std::size_t start = pos_;
    while (!atEnd() && peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > start;
  }

  // RFC 8259's grammar, and a value Poco can hold: a whole number within 64 bits (signed when
  // negative), any other number a finite double.
  bool number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (atEnd()) return fail("a number ends early");
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return fail("not a number");
    }
    bool whole = true;
    if (!atEnd() && peek() == '.') {
      ++pos_;
      whole = false;
      if (!digits()) return fail("no digits after a decimal point");
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      whole = false;
      if (!atEnd() && (peek() == '+' || peek() == '-')) ++pos_;
      if (!digits()) return fail("no digits in an exponent");
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    bool fits = false;
    if (whole && *first == '-') {
      std::int64_t value = 0;
      fits = std::from_chars(first, last, value).ec == std::errc();
    } else if (whole) {
      std::uint64_t value = 0;
      fits = std::from_chars(first, last, value).ec == std::errc();
    } else {
      double value = 0;
      fits = std::from_chars(first, last, value).ec == std::errc();
    }
    if (!fits) {
      pos_ = start;
      return fail("a number too large to hold");
    }
    return true;
  }

  static bool isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // Reads the four hex digits after "\u" (pos_ at the 'u'); false when there are not four.
  bool hex4(unsigned& value) {
    value = 0;
    for (std::size_t i = 1; i <= 4; ++i) {
      if (pos_ + i >= text_.size() || !isHex(text_[pos_ + i])) return false;
      const char c = text_[pos_ + i];
      value = value * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    pos_ += 5;
    return true;
  }

  // A \u escape (pos_ at the 'u'): a surrogate only as a high-low pair, as Poco requires.
  bool unicodeEscape() {
    unsigned unit = 0;
    if (!hex4(unit)) return fail("a \\u escape needs four hex digits");
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail("a \\u escape is a lone surrogate");
    if (unit < 0xD800 || unit > 0xDBFF) return true;
    unsigned low = 0;
    if (text_.substr(pos_, 2) != "\\u") return fail("a \\u escape is a lone surrogate");
    ++pos_;
    if (!hex4(low)) return fail("a \\u escape needs four hex digits");
    if (low < 0xDC00 || low > 0xDFFF) return fail("a \\u escape is a lone surrogate");
    return true;
  }

  bool string() {
    ++pos_;  // opening quote
    std::size_t runStart = pos_;
    for (;;) {
      if (atEnd()) return fail("a string is not closed");
      const char c = peek();
      if (c == '"' || c == '\\') {
        if (!files::isValidUtf8(text_.substr(runStart, pos_ - runStart)))
          return fail("a string is not valid UTF-8");
        if (c == '"') {
          ++pos_;
          return true;
        }
        ++pos_;
        if (atEnd()) return fail("a string is not closed");
        const char escaped = peek();
        if (escaped == 'u') {
          if (!unicodeEscape()) return false;
        } else if (std::string_view("\"\\/bfnrt").find(escaped) != std::string_view::npos) {
          ++pos_;
        } else {
          return fail("unknown escape in a string");
        }
        runStart = pos_;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("a control character in a string");
      ++pos_;
    }
  }

  // A scalar, or the opening of an array or object (pushed on the stack).
  bool scalarOrOpen(std::vector<Open>& stack, bool& opened) {
    opened = false;
    if (atEnd()) return fail("a value is missing");
    switch (peek()) {
      case '{':
      case '[':
        if (stack.size() >= kMaxJsonDepth) return fail("nested deeper than 64 levels");
        stack.push_back(peek() == '{' ? Open::Object : Open::Array);
        ++pos_;
        opened = true;
        return true;
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
        return fail("not a JSON value");
    }
  }

  bool key() {
    skipSpace();
    if (atEnd() || peek() != '"') return fail("an object key must be a string");
    if (!string()) return false;
    skipSpace();
    if (atEnd() || peek() != ':') return fail("':' missing after an object key");
    ++pos_;
    skipSpace();
    return true;
  }

  bool value() {
    std::vector<Open> stack;
    bool opened = false;
    if (!scalarOrOpen(stack, opened)) return false;
    bool justOpened = opened;
    while (!stack.empty()) {
      skipSpace();
      if (atEnd()) return fail("the text ends inside an array or object");
      const char close = stack.back() == Open::Array ? ']' : '}';
      if (peek() == close && justOpened) {
        ++pos_;
        stack.pop_back();
        justOpened = false;
        continue;
      }
      if (!justOpened) {
        if (peek() == close) {
          ++pos_;
          stack.pop_back();
          continue;
        }
        if (peek() != ',') return fail("',' or a closing bracket missing");
        ++pos_;
        skipSpace();
      }
      if (stack.back() == Open::Object && !key()) return false;
      if (!scalarOrOpen(stack, opened)) return false;
      justOpened = opened;
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<JsonSyntaxError> error_;
};

}  // namespace

std::optional<JsonSyntaxError> checkJsonSyntax(std::string_view text) {
  return Scanner(text).run();
}

}  // namespace brobyg::rest
