#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brobyg::risk {

// How far a job coarsens the quasi-identifiers it ships (issue 15): birth month to birth year,
// and school to municipality (the school column is left empty; the municipality stays).
struct Generalisation {
  bool birthYear = false;
  bool municipality = false;

  // "none", "birth_year", "municipality" or "birth_year,municipality".
  std::string name() const;
  // Those words, comma- or space-separated; throws brobyg::Error naming `where`.
  static Generalisation parse(std::string_view text, const std::string& where);
  // Whether this coarsens at least as much as `other`.
  bool covers(const Generalisation& other) const {
    return (birthYear || !other.birthYear) && (municipality || !other.municipality);
  }
  bool operator==(const Generalisation&) const = default;
};

// Every generalisation at least as coarse as `shipped`, `shipped` first, leaving out those that
// change nothing for a dataset without a birth month or school column.
std::vector<Generalisation> furtherGeneralisations(const Generalisation& shipped,
                                                   bool hasBirthMonth, bool hasSchool);

// The value a quasi-identifier column ships with under `g`: a birth month's year, or no school.
std::string_view generalised(const Generalisation& g, std::string_view column,
                             std::string_view value);

}  // namespace brobyg::risk
