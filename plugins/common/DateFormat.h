// Parses vendor dates ("dd-mm-yyyy", "d.m.yy", ...) into ISO 8601 yyyy-mm-dd.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::files {

class DateFormat {
 public:
  // Tokens: dd, mm (exactly two digits), d, m (one or two digits), yyyy, yy (20yy); any other
  // character is a separator that must appear as written. Throws std::invalid_argument when
  // the pattern lacks a day, month or year, or repeats one.
  explicit DateFormat(std::string_view pattern);

  const std::string& pattern() const { return pattern_; }

  // Writes yyyy-mm-dd into `iso` (10 characters) when `text` matches and is a real date.
  bool parse(std::string_view text, char* iso) const;

  static bool isValidDate(int year, int month, int day);
  // True for a real date written yyyy-mm-dd.
  static bool isIsoDate(std::string_view text);

 private:
  enum class Kind { Day, Month, Year4, Year2, Literal };
  struct Token {
    Kind kind;
    size_t minDigits;
    size_t maxDigits;
    char literal;
  };

  std::string pattern_;
  std::vector<Token> tokens_;
};

}  // namespace brobyg::files
