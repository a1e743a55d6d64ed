#pragma once

#include <string>
#include <vector>

namespace brobyg {

// One finding about the configuration, a plugin's settings or a certificate: what `brobyg
// check` prints and what refuses a run. The message names the element, instance, key or file
// and never a value read from data.
struct Problem {
  enum class Severity { Error, Warning };

  long line = 0;        // where: the line of the configuration file (0: the file as a whole)
  std::string message;  // e.g. "source 'skole' (plugin csv): setting 'skip_lines' ..."
  Severity severity = Severity::Error;

  static Problem error(long line, std::string message) {
    return {line, std::move(message), Severity::Error};
  }
  static Problem warning(long line, std::string message) {
    return {line, std::move(message), Severity::Warning};
  }
  bool isWarning() const { return severity == Severity::Warning; }
};

using Problems = std::vector<Problem>;

// Whether any of `problems` is an error (warnings never stop anything).
inline bool hasErrors(const Problems& problems) {
  for (const Problem& p : problems)
    if (!p.isWarning()) return true;
  return false;
}

// "file:line: message" per problem, one per line, warnings prefixed "warning: ".
std::string formatProblems(const std::string& file, const Problems& problems);

}  // namespace brobyg
