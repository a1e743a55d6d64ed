// absence_event: person, municipality, school, grade, date, unit, lesson, category in;
// person, birth_month, sex, age, municipality, school, grade, date, unit, lesson, category,
// source out (DatasetSpec.cpp).
#include <array>
#include <charconv>

#include "pipeline/RowNormaliser.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"
#include "util/MunicipalityCode.h"

namespace brobyg::pipeline {

namespace {

enum In { kPerson, kMunicipality, kSchool, kGrade, kDate, kUnit, kLesson, kCategory, kInCount };
enum Out {
  oPerson,
  oBirthMonth,
  oSex,
  oAge,
  oMunicipality,
  oSchool,
  oGrade,
  oDate,
  oUnit,
  oLesson,
  oCategory,
  oSource,
  kOutCount
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool smallInt(std::string_view s, int low, int high, int& value) {
  if (!allDigits(s) || s.size() > 3) return false;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value >= low && value <= high;
}

// The institution number: six digits, never long enough to hold a CPR number.
bool institution(std::string_view s) {
  return s.size() == 6 && allDigits(s);
}

const char* fieldLooksLikeCpr(std::size_t field) {
  static const char* const reasons[kInCount] = {
      "person",
      "municipality: looks like a CPR number (check the column mapping)",
      "school: looks like a CPR number (check the column mapping)",
      "grade: looks like a CPR number (check the column mapping)",
      "date: looks like a CPR number (check the column mapping)",
      "unit: looks like a CPR number (check the column mapping)",
      "lesson: looks like a CPR number (check the column mapping)",
      "category: looks like a CPR number (check the column mapping)"};
  return reasons[field];
}

class AbsenceEventNormaliser : public RowNormaliser {
 public:
  AbsenceEventNormaliser(pseudo::Pseudonymiser& pseudonymiser, const pseudo::Date& today)
      : pseudonymiser_(pseudonymiser), today_(today) {}

  bool normalise(const brobyg_str* values, std::size_t count, std::string_view sourceId,
                 std::vector<std::string_view>& out, std::string& reason) override {
    if (count != kInCount) {
      reason = "row has " + std::to_string(count) + " values, absence_event takes " +
               std::to_string(kInCount);
      return false;
    }
    std::array<std::string_view, kInCount> in;
    for (std::size_t i = 0; i < kInCount; ++i) in[i] = trim({values[i].data, values[i].size});
    out.assign(kOutCount, std::string_view());

    if (in[kPerson].empty()) return fail(reason, "person: missing");
    // A mapping mistake (a CPR column mapped to another field) must not ship a CPR number in
    // clear: any other value that reads as one rejects the row.
    for (std::size_t i = 0; i < kInCount; ++i) {
      if (i == kPerson || in[i].size() < 9 || in[i].size() > 13) continue;
      if (containsIdentifier(in[i])) return fail(reason, fieldLooksLikeCpr(i));
    }
    pseudo::CprResult cpr = pseudo::parseCpr(in[kPerson], today_);
    if (!cpr.ok()) return fail(reason, "person: not a valid CPR number (", cpr.problem);

    auto date = pseudo::parseIsoDate(in[kDate]);
    if (!date)
      return fail(reason, in[kDate].empty() ? "date: missing" : "date: not a date yyyy-mm-dd");
    if (*date > today_) return fail(reason, "date: in the future");
    auto age = pseudo::ageOn(cpr.cpr, *date);
    if (!age) return fail(reason, "date: before the person's birth date");
    // The schema bounds a pupil's age; an older person's CPR number is a mapping mistake.
    if (*age > 30) return fail(reason, "person: over 30 on the date of the absence, not a pupil");

    auto municipality = canonicalMunicipality(in[kMunicipality]);
    if (!municipality)
      return fail(reason,
                  in[kMunicipality].empty()
                      ? "municipality: missing"
                      : "municipality: not a kommunekode (3 digits, or 4 with a leading 0)");
    if (!institution(in[kSchool]))
      return fail(reason,
                  in[kSchool].empty() ? "school: missing" : "school: not an institution number");
    int number = 0;
    if (!in[kGrade].empty() && !smallInt(in[kGrade], 0, 10, number))
      return fail(reason, "grade: not a whole number from 0 to 10");

    // Many school systems have no unit column: a lesson number then means a lesson.
    std::string_view unit = !in[kUnit].empty()    ? in[kUnit]
                            : in[kLesson].empty() ? std::string_view("day")
                                                  : std::string_view("lesson");
    if (unit != "day" && unit != "lesson") return fail(reason, "unit: not day or lesson");
    if (unit == "lesson") {
      if (in[kLesson].empty()) return fail(reason, "lesson: missing for a lesson-level absence");
      if (!smallInt(in[kLesson], 1, 12, number))
        return fail(reason, "lesson: not a whole number from 1 to 12");
    } else if (!in[kLesson].empty()) {
      return fail(reason, "lesson: given for a whole-day absence");
    }
    std::string_view category = in[kCategory];
    if (category != "sick" && category != "authorised" && category != "unauthorised" &&
        category != "unknown")
      return fail(reason, category.empty() ? "category: missing"
                                           : "category: not sick, authorised, unauthorised or "
                                             "unknown (map the source's words in the source's "
                                             "value settings)");

    pseudonym_ = pseudonymiser_.pseudonym(cpr.cpr);
    int y = cpr.cpr.year, m = cpr.cpr.month;
    birthMonth_ = {static_cast<char>('0' + y / 1000),
                   static_cast<char>('0' + y / 100 % 10),
                   static_cast<char>('0' + y / 10 % 10),
                   static_cast<char>('0' + y % 10),
                   '-',
                   static_cast<char>('0' + m / 10),
                   static_cast<char>('0' + m % 10)};
    auto [end, ec] = std::to_chars(age_.data(), age_.data() + age_.size(), *age);
    (void)ec;

    out[oPerson] = pseudonym_.view();
    out[oBirthMonth] = std::string_view(birthMonth_.data(), birthMonth_.size());
    out[oSex] = cpr.cpr.sex == pseudo::Sex::Male ? "male" : "female";
    out[oAge] = std::string_view(age_.data(), static_cast<std::size_t>(end - age_.data()));
    out[oMunicipality] = *municipality;
    out[oSchool] = in[kSchool];
    out[oGrade] = in[kGrade];
    out[oDate] = in[kDate];
    out[oUnit] = unit;
    out[oLesson] = in[kLesson];
    out[oCategory] = category;
    out[oSource] = sourceId;
    return true;
  }

 private:
  static bool fail(std::string& reason, const char* text) {
    reason = text;
    return false;
  }
  static bool fail(std::string& reason, const char* text, pseudo::CprProblem problem) {
    reason = text;
    reason += pseudo::describe(problem);
    reason += ")";
    return false;
  }

  pseudo::Pseudonymiser& pseudonymiser_;
  pseudo::Date today_;
  pseudo::Pseudonym pseudonym_;
  std::array<char, 7> birthMonth_{};
  std::array<char, 4> age_{};
};

}  // namespace

std::unique_ptr<RowNormaliser> RowNormaliser::forDataset(const dataset::DatasetSpec& spec,
                                                         pseudo::Pseudonymiser& pseudonymiser,
                                                         const pseudo::Date& today) {
  if (spec.name() == dataset::absenceEvent().name())
    return std::make_unique<AbsenceEventNormaliser>(pseudonymiser, today);
  throw Error("no normaliser for dataset '" + spec.name() + "'");
}

}  // namespace brobyg::pipeline
