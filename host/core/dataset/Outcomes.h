#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::dataset {

// A scale a school_outcome score is on (the <outcomes> part of schemas/codelists.xml): either
// a list of exact values (the 7-point grades), whole numbers low..high, or, with decimals > 0,
// decimal numbers low..high written with that many decimals.
struct OutcomeScale {
  std::string code;  // a code of the outcome_scale list
  std::vector<std::string> values;
  int low = 0, high = 0;
  int decimals = 0;
};

// One subject or indicator an instrument measures, in which grades, on which scales.
struct OutcomeTest {
  std::string subject;  // a code of the outcome_subject list
  std::vector<int> grades;
  std::vector<std::string> scales;  // codes of outcome_scale; the first is the default

  bool hasGrade(int grade) const;
  bool hasScale(std::string_view scale) const;
};

// An instrument and the school years (yyyy/yy) it was used in; `to` empty: still in use.
struct OutcomeInstrument {
  std::string code;  // a code of the outcome_instrument list
  std::string from, to;
  std::vector<OutcomeTest> tests;

  const OutcomeTest* find(std::string_view subject) const;
  // Whether a school year (yyyy/yy, checked) falls within from..to.
  bool usedIn(std::string_view schoolYear) const;
};

// Parsed from the embedded schemas/codelists.xml on first use.
const std::vector<OutcomeScale>& outcomeScales();
const std::vector<OutcomeInstrument>& outcomeInstruments();
const OutcomeScale* findOutcomeScale(std::string_view code);
const OutcomeInstrument* findOutcomeInstrument(std::string_view code);

// Checks a score (trimmed) against its scale; false when it is not on the scale. On a list
// scale the score must be one of the values exactly ("00", never "0"). Whole numbers are kept
// as given but for leading zeros. A decimal scale takes a point or a comma and any number of
// decimals within low..high, and the value is rounded half up to the scale's decimals (written
// into `buffer`). `normalised` is what to write: a view of `score` or of `buffer`.
using ScoreBuffer = std::array<char, 16>;
bool checkScore(const OutcomeScale& scale, std::string_view score, ScoreBuffer& buffer,
                std::string_view& normalised);

// "2025/26" (or "2025/2026", written as "2025/26"): the first calendar year, else -1.
int schoolYearStart(std::string_view text);

}  // namespace brobyg::dataset
