#include "XPath.h"

#include <brobyg_plugin.hpp>

namespace brobyg::xml {
namespace {

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string undeclaredPrefix(std::string_view expression,
                             const std::map<std::string, std::string>& namespaces) {
  size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'' || c == '"') {  // a literal: skip to its end
      const size_t close = expression.find(c, i + 1);
      if (close == std::string_view::npos) return "";  // the compiler reports it
      i = close + 1;
      continue;
    }
    if (!isNameChar(c) || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < expression.size() && isNameChar(expression[i])) ++i;
    const bool qualified = i + 1 < expression.size() && expression[i] == ':' &&
                           expression[i + 1] != ':' && (start == 0 || expression[start - 1] != '$');
    if (qualified) {
      const std::string prefix(expression.substr(start, i - start));
      if (prefix != "xml" && namespaces.count(prefix) == 0) return prefix;
    }
  }
  return "";
}

bool isAbsoluteLocationPath(std::string_view expression) {
  if (expression.empty() || expression.front() != '/') return false;
  int depth = 0;  // inside predicates anything goes: it is relative to the step, not the record
  for (size_t i = 0; i < expression.size(); ++i) {
    const char c = expression[i];
    if (depth > 0 && (c == '\'' || c == '"')) {
      const size_t close = expression.find(c, i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (--depth < 0) return false;
    } else if (depth == 0 && !isNameChar(c) && c != ':' && c != '/' && c != '@' && c != '*') {
      return false;
    }
  }
  return depth == 0;
}

pugi::xpath_query compileXPath(const std::string& expression, const std::string& setting,
                               const std::map<std::string, std::string>& namespaces) {
  if (expression.empty()) throw sdk::Error("setting " + setting + ": names no XPath");
  if (const std::string prefix = undeclaredPrefix(expression, namespaces); !prefix.empty())
    throw sdk::Error("setting " + setting + ": prefix '" + prefix +
                     "' is not declared (setting namespace." + prefix + ")");
  try {
    return pugi::xpath_query(expression.c_str());
  } catch (const pugi::xpath_exception& e) {
    throw sdk::Error("setting " + setting + ": not an XPath 1.0 expression (" +
                     e.result().description() + " at character " +
                     std::to_string(e.result().offset + 1) + ")");
  }
}

}  // namespace brobyg::xml
