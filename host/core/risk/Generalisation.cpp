#include "risk/Generalisation.h"

#include "util/Error.h"

namespace brobyg::risk {

std::string Generalisation::name() const {
  if (birthYear && municipality) return "birth_year,municipality";
  if (birthYear) return "birth_year";
  if (municipality) return "municipality";
  return "none";
}

Generalisation Generalisation::parse(std::string_view text, const std::string& where) {
  Generalisation g;
  bool none = false, any = false;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find_first_of(", \t\n", at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    any = true;
    if (word == "none")
      none = true;
    else if (word == "birth_year")
      g.birthYear = true;
    else if (word == "municipality")
      g.municipality = true;
    else
      throw Error(where + ": unknown generalisation '" + std::string(word) +
                  "' (none, birth_year, municipality)");
  }
  if (!any) throw Error(where + ": empty; say none, birth_year or municipality");
  if (none && (g.birthYear || g.municipality))
    throw Error(where + ": 'none' together with a generalisation");
  return g;
}

std::vector<Generalisation> furtherGeneralisations(const Generalisation& shipped,
                                                   bool hasBirthMonth, bool hasSchool) {
  std::vector<Generalisation> all{shipped};
  for (const Generalisation g :
       {Generalisation{true, false}, Generalisation{false, true}, Generalisation{true, true}}) {
    if (!g.covers(shipped) || g == shipped) continue;
    const bool changes = (g.birthYear && !shipped.birthYear && hasBirthMonth) ||
                         (g.municipality && !shipped.municipality && hasSchool);
    // Only what a further step changes; both steps only when each one does.
    const bool both = g.birthYear && g.municipality;
    if (changes && (!both || (hasBirthMonth && hasSchool))) all.push_back(g);
  }
  return all;
}

std::string_view generalised(const Generalisation& g, std::string_view column,
                             std::string_view value) {
  if (g.birthYear && column == "birth_month") return value.substr(0, 4);
  if (g.municipality && column == "school") return {};
  return value;
}

}  // namespace brobyg::risk
