#include "dataset/DatasetRules.h"

#include "dataset/CodeLists.h"
#include "dataset/LegalBasis.h"
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

}  // namespace brobyg::dataset::rules
