#include "dataset/DatasetRules.h"

#include <cstdio>

#include "dataset/CodeLists.h"
#include "dataset/LegalBasis.h"
#include "dataset/Outcomes.h"
#include "dataset/Placement.h"

namespace brobyg::dataset::rules {

// The schema bounds a pupil's age; an older person's CPR number is a mapping mistake.
const char* pupilAge(RuleRow& row) {
  return row.age() > 30 ? "person: over 30 on the date of the absence, not a pupil" : nullptr;
}

// The case schemas bound the age as absence_event does: children's services end at 23.
const char* childAge(RuleRow& row) {
  return row.age() > 30 ? "person: over 30 on the row's date, not a child" : nullptr;
}

// Many school systems have no unit column: a lesson number then means a lesson.
const char* unitAndLesson(RuleRow& row) {
  std::string_view unit = row.in(0);
  const std::string_view lesson = row.in(1);
  if (unit.empty()) {
    unit = lesson.empty() ? std::string_view("day") : std::string_view("lesson");
    row.setIn(0, unit);
  }
  if (unit == "lesson" && lesson.empty()) return "lesson: missing for a lesson-level absence";
  if (unit == "day" && !lesson.empty()) return "lesson: given for a whole-day absence";
  return nullptr;
}

// The recorded text keeps the row whatever it says: recognised, it gets its normalised basis
// and kind; not, kind unknown and no basis, and the run counts it (never a guess).
const char* legalBasis(RuleRow& row) {
  static const CodeList& caseKinds = codeList("case_kind");  // looked up once, not per row
  LegalBasisResult result;
  if (classifyLegalBasis(row.in(0), result) && caseKinds.find(result.kind)) {
    row.setOut(0, row.keep(result.normalised()));
    row.setOut(1, result.kind);
  } else {
    row.setOut(1, "unknown");
    row.count(0);
  }
  return nullptr;
}

// The placement type as recorded, harmonised to the placement_type list (Danmarks Statistik's
// codes or the words of codelists.xml); unrecognised text gives unknown and is counted.
const char* placement(RuleRow& row) {
  if (row.in(0).empty()) return nullptr;
  std::string_view code = harmonisePlacement(row.in(0));
  if (code.empty()) {
    row.count(0);
    code = "unknown";
  }
  row.setOut(0, code);
  return nullptr;
}

// Both are checked yyyy-mm-dd dates, so that text order is date order.
const char* endNotBeforeStart(RuleRow& row) {
  if (!row.in(1).empty() && row.in(1) < row.in(0)) return "end: before start";
  return nullptr;
}

namespace {
// Digits of a checked field (the normaliser checked them) as a number.
int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}
}  // namespace

// The school year runs 1 August - 31 July (as absence summaries count it). Empty, it follows
// from the date; given, it is written yyyy/yy and must hold the date.
const char* schoolYear(RuleRow& row) {
  const std::string_view date = row.in(1);  // checked yyyy-mm-dd
  const int year = number(date.substr(0, 4)) - (number(date.substr(5, 2)) < 8 ? 1 : 0);
  const bool given = !row.in(0).empty();
  if (given) {
    const int start = schoolYearStart(row.in(0));
    if (start < 0) return "school_year: not a school year yyyy/yy";
    if (start != year) return "date: not in school_year (August to July)";
  }
  char text[16];
  const int n = std::snprintf(text, sizeof text, "%04d/%02d", year, (year + 1) % 100);
  row.setIn(0, row.keep(std::string_view(text, static_cast<std::size_t>(n))));
  return nullptr;
}

// Only the tests that exist: an instrument in its school years, a subject it measures, in a
// grade it measures the subject in (schemas/codelists.xml, <outcomes>).
const char* outcomeTest(RuleRow& row) {
  const OutcomeInstrument* instrument = findOutcomeInstrument(row.in(0));
  if (instrument == nullptr) return "instrument: no tests declared for it in codelists.xml";
  if (!instrument->usedIn(row.in(3))) return "instrument, school_year: not in use that year";
  const OutcomeTest* test = instrument->find(row.in(1));
  if (test == nullptr) return "instrument, subject: the instrument does not measure the subject";
  if (!test->hasGrade(number(row.in(2))))
    return "instrument, subject, grade: the instrument does not measure the subject in that grade";
  return nullptr;
}

// The score on its scale: the test's only scale when the source names none; 7-point grades
// exactly, whole numbers as given, survey averages rounded to the scale's decimals.
const char* outcomeScore(RuleRow& row) {
  const OutcomeInstrument* instrument = findOutcomeInstrument(row.in(0));
  const OutcomeTest* test = instrument == nullptr ? nullptr : instrument->find(row.in(1));
  if (test == nullptr) return "instrument, subject: the instrument does not measure the subject";
  std::string_view scaleCode = row.in(2);
  if (scaleCode.empty()) {
    if (test->scales.size() != 1) return "scale: missing, and the test has more than one";
    scaleCode = test->scales.front();
    row.setIn(2, scaleCode);
  } else if (!test->hasScale(scaleCode)) {
    return "instrument, subject, scale: the test does not report on that scale";
  }
  const OutcomeScale* scale = findOutcomeScale(scaleCode);
  if (scale == nullptr) return "scale: not declared in codelists.xml";
  ScoreBuffer buffer{};
  std::string_view score;
  if (!checkScore(*scale, row.in(3), buffer, score)) return "score: not a value of its scale";
  row.setIn(3, score.data() == buffer.data() ? row.keep(score) : score);
  return nullptr;
}

}  // namespace brobyg::dataset::rules
