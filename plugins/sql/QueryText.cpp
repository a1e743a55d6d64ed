#include "QueryText.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace brobyg::sql {
namespace {

bool isNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool isNameChar(char c) {
  return isNameStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The end of a quoted run starting at `at` (the opening quote); a doubled quote is one quote
// inside it, as in SQL.
std::size_t skipQuoted(std::string_view q, std::size_t at, const char* what) {
  const char quote = q[at];
  for (std::size_t i = at + 1; i < q.size(); ++i) {
    if (q[i] != quote) continue;
    if (i + 1 < q.size() && q[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  throw std::invalid_argument(std::string("the query has an unterminated ") + what);
}

std::size_t skipBlockComment(std::string_view q, std::size_t at) {
  const std::size_t end = q.find("*/", at + 2);
  if (end == std::string_view::npos)
    throw std::invalid_argument("the query has an unterminated /* comment");
  return end + 2;
}

// Words outside literals and comments, upper-cased, to find ORDER BY.
void addWord(std::string_view word, std::vector<std::string>& words) {
  std::string upper(word);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  words.push_back(std::move(upper));
}

}  // namespace

PreparedQuery prepareQuery(std::string_view q, Placeholders style,
                           const std::vector<std::string>& known) {
  PreparedQuery out;
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    std::size_t next = i + 1;
    if (c == '\'' || c == '"' || c == '`') {
      next = skipQuoted(q, i, c == '\'' ? "string literal" : "quoted name");
    } else if (c == '-' && i + 1 < q.size() && q[i + 1] == '-') {
      next = std::min(q.size(),
                      q.find('\n', i) == std::string_view::npos ? q.size() : q.find('\n', i));
    } else if (c == '/' && i + 1 < q.size() && q[i + 1] == '*') {
      next = skipBlockComment(q, i);
    } else if (c == ':' && i + 1 < q.size() && q[i + 1] == ':') {
      next = i + 2;  // a PostgreSQL cast
    } else if (c == ':' && i + 1 < q.size() && isNameStart(q[i + 1])) {
      next = i + 1;
      while (next < q.size() && isNameChar(q[next])) ++next;
      std::string name(q.substr(i + 1, next - i - 1));
      if (std::find(known.begin(), known.end(), name) == known.end())
        throw std::invalid_argument("the query names parameter :" + name +
                                    ", which the sql source does not know");
      out.params.push_back(name);
      out.text += style == Placeholders::Dollar ? "$" + std::to_string(out.params.size()) : "?";
      i = next;
      continue;
    } else if (c == '?' || (c == '$' && i + 1 < q.size() &&
                            std::isdigit(static_cast<unsigned char>(q[i + 1])) != 0)) {
      throw std::invalid_argument(
          "the query has a positional placeholder; name the parameters :watermark and :key");
    } else if (isNameStart(c)) {
      while (next < q.size() && isNameChar(q[next])) ++next;
      addWord(q.substr(i, next - i), words);
    }
    out.text.append(q.substr(i, next - i));
    i = next;
  }
  for (std::size_t w = 0; w + 1 < words.size(); ++w)
    if (words[w] == "ORDER" && words[w + 1] == "BY") out.hasOrderBy = true;
  return out;
}

}  // namespace brobyg::sql
