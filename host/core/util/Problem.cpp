#include "util/Problem.h"

#include "util/Error.h"

namespace brobyg {

std::string formatProblems(const std::string& file, const Problems& problems) {
  std::string out;
  for (const Problem& p : problems)
    out += located(file, p.line, (p.isWarning() ? "warning: " : "") + p.message) + "\n";
  return out;
}

}  // namespace brobyg
