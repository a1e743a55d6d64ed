#include "summary/SummaryRecord.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "dataset/DatasetSpec.h"
#include "pseudo/Base32.h"
#include "pseudo/Date.h"
#include "schedule/CivilTime.h"
#include "util/Error.h"

namespace brobyg::summary {

namespace {

constexpr std::int64_t kDayOffset = std::int64_t{1} << 31;
constexpr std::uint32_t kOpen = 0xffffffffu;

void put32(unsigned char* at, std::uint32_t v) {
  at[0] = static_cast<unsigned char>(v >> 24);
  at[1] = static_cast<unsigned char>(v >> 16);
  at[2] = static_cast<unsigned char>(v >> 8);
  at[3] = static_cast<unsigned char>(v);
}
std::uint32_t get32(const unsigned char* at) {
  return (std::uint32_t{at[0]} << 24) | (std::uint32_t{at[1]} << 16) | (std::uint32_t{at[2]} << 8) |
         at[3];
}
std::uint32_t dayBits(Day day) {
  return static_cast<std::uint32_t>(day + kDayOffset);
}
Day dayOf(std::uint32_t bits) {
  return static_cast<Day>(bits) - kDayOffset;
}

int column(const dataset::DatasetSpec& spec, const char* name) {
  const int index = spec.outputIndex(name);
  if (index < 0) throw Error("absence_summary: " + spec.name() + " has no column " + name);
  return index;
}

[[noreturn]] void bad(const std::string& dataset, const char* column) {
  throw Error("absence_summary: " + dataset + " column " + column +
              " is not what the dataset guarantees");
}

std::uint32_t digits(std::string_view text, std::size_t maxDigits, const std::string& dataset,
                     const char* name) {
  if (text.empty() || text.size() > maxDigits) bad(dataset, name);
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') bad(dataset, name);
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

}  // namespace

EncodedRecord encodeRecord(const StoredRecord& r) {
  EncodedRecord out{};
  std::copy(r.person.begin(), r.person.end(), out.begin());
  out[16] = static_cast<unsigned char>(r.kind);
  put32(&out[17], dayBits(r.day));
  put32(&out[21], r.kind == RecordKind::Absence ? 0 : (r.last ? dayBits(*r.last) : kOpen));
  put32(&out[25], r.school);
  out[29] = r.grade < 0 ? 0xff : static_cast<unsigned char>(r.grade);
  const bool measure = r.kind == RecordKind::Measure;
  out[30] =
      static_cast<unsigned char>(measure ? static_cast<int>(r.measure) : static_cast<int>(r.unit));
  out[31] = static_cast<unsigned char>(measure ? r.placement : r.lesson);
  out[32] = static_cast<unsigned char>(r.category);
  out[33] = static_cast<unsigned char>(r.municipality >> 8);
  out[34] = static_cast<unsigned char>(r.municipality);
  put32(&out[35], r.birthMonth);
  out[39] = r.male ? 1 : 0;
  return out;
}

StoredRecord decodeRecord(const unsigned char* in) {
  StoredRecord r;
  r.person = personOf(in);
  r.kind = in[16] == 0 ? RecordKind::Enrolment
                       : (in[16] == 2 ? RecordKind::Measure : RecordKind::Absence);
  r.day = dayOf(get32(&in[17]));
  const std::uint32_t last = get32(&in[21]);
  if (r.kind != RecordKind::Absence && last != kOpen) r.last = dayOf(last);
  r.school = get32(&in[25]);
  r.grade = in[29] == 0xff ? -1 : in[29];
  if (r.kind == RecordKind::Measure) {
    r.measure = static_cast<MeasureClass>(in[30] % 3);
    r.placement = in[31] < kPlacementCodes.size() ? in[31] : 0;
  } else {
    r.unit = in[30] == 0 ? Unit::Days : Unit::Lessons;
    r.lesson = in[31];
  }
  r.category = static_cast<Category>(in[32] & 3);
  r.municipality = static_cast<std::uint16_t>((in[33] << 8) | in[34]);
  r.birthMonth = get32(&in[35]);
  r.male = in[39] != 0;
  return r;
}

bool isLessonAbsence(const unsigned char* in) {
  return in[16] == 1 && in[30] != 0;  // as decodeRecord reads kind and unit
}

bool supersededByClosedTwin(const EncodedRecord& r, const std::vector<EncodedRecord>& history) {
  // The layout's fields: person and kind and day 0-20, last 21-24, school to placement 25-31.
  const auto open = [](const EncodedRecord& x) { return get32(&x[21]) == kOpen; };
  if (r[16] == static_cast<unsigned char>(RecordKind::Absence) || !open(r)) return false;
  return std::any_of(history.begin(), history.end(), [&](const EncodedRecord& other) {
    return !open(other) && std::memcmp(other.data(), r.data(), 21) == 0 &&
           std::memcmp(&other[25], &r[25], 7) == 0;
  });
}

RecordReader::RecordReader() {
  const dataset::DatasetSpec& a = dataset::absenceEvent();
  const dataset::DatasetSpec& e = dataset::enrolment();
  const dataset::DatasetSpec& m = dataset::caseMeasure();
  for (auto [spec, person] : {std::pair{&a, &absencePerson_}, std::pair{&e, &enrolmentPerson_}})
    *person = {column(*spec, "person"),       column(*spec, "birth_month"), column(*spec, "sex"),
               column(*spec, "municipality"), column(*spec, "school"),      column(*spec, "grade")};
  measurePerson_ = {column(m, "person"),
                    column(m, "birth_month"),
                    column(m, "sex"),
                    column(m, "municipality"),
                    -1,
                    -1};
  date_ = column(a, "date");
  unit_ = column(a, "unit");
  lesson_ = column(a, "lesson");
  category_ = column(a, "category");
  start_ = column(e, "start");
  end_ = column(e, "end");
  measureKind_ = column(m, "kind");
  placement_ = column(m, "placement");
  measureStart_ = column(m, "start");
  measureEnd_ = column(m, "end");
}

namespace {

// The person columns both datasets share.
StoredRecord personRecord(const std::vector<std::string_view>& c, int person, int birthMonth,
                          int sex, int municipality, int school, int grade,
                          const std::string& dataset) {
  auto at = [&](int i) { return c.at(static_cast<std::size_t>(i)); };
  StoredRecord r;
  if (!pseudo::decodeBase32(at(person), r.person.data(), r.person.size())) bad(dataset, "person");
  const std::string_view month = at(birthMonth);
  if (month.size() != 7 || month[4] != '-') bad(dataset, "birth_month");
  r.birthMonth = digits(month.substr(0, 4), 4, dataset, "birth_month") * 100 +
                 digits(month.substr(5, 2), 2, dataset, "birth_month");
  r.male = at(sex) == "male";
  r.municipality = static_cast<std::uint16_t>(digits(at(municipality), 3, dataset, "municipality"));
  if (school >= 0) r.school = digits(at(school), 6, dataset, "school");
  if (grade >= 0 && !at(grade).empty())
    r.grade = static_cast<int>(digits(at(grade), 2, dataset, "grade"));
  return r;
}

}  // namespace

StoredRecord RecordReader::absence(const std::vector<std::string_view>& c) const {
  const Person& p = absencePerson_;
  StoredRecord r = personRecord(c, p.person, p.birthMonth, p.sex, p.municipality, p.school, p.grade,
                                "absence_event");
  r.kind = RecordKind::Absence;
  r.day = dayFromIso(c.at(static_cast<std::size_t>(date_)), "absence_event date");
  r.unit = c.at(static_cast<std::size_t>(unit_)) == "lesson" ? Unit::Lessons : Unit::Days;
  const std::string_view lesson = c.at(static_cast<std::size_t>(lesson_));
  r.lesson = lesson.empty() ? 0 : static_cast<int>(digits(lesson, 2, "absence_event", "lesson"));
  const auto category = categoryFromCode(std::string(c.at(static_cast<std::size_t>(category_))));
  if (!category) bad("absence_event", "category");
  r.category = *category;
  return r;
}

StoredRecord RecordReader::enrolment(const std::vector<std::string_view>& c) const {
  const Person& p = enrolmentPerson_;
  StoredRecord r = personRecord(c, p.person, p.birthMonth, p.sex, p.municipality, p.school, p.grade,
                                "enrolment");
  r.kind = RecordKind::Enrolment;
  r.day = dayFromIso(c.at(static_cast<std::size_t>(start_)), "enrolment start");
  const std::string_view end = c.at(static_cast<std::size_t>(end_));
  if (!end.empty()) r.last = dayFromIso(end, "enrolment end");
  return r;
}

StoredRecord RecordReader::measure(const std::vector<std::string_view>& c) const {
  const Person& p = measurePerson_;
  StoredRecord r = personRecord(c, p.person, p.birthMonth, p.sex, p.municipality, p.school, p.grade,
                                "case_measure");
  auto at = [&](int i) { return c.at(static_cast<std::size_t>(i)); };
  r.kind = RecordKind::Measure;
  r.day = dayFromIso(at(measureStart_), "case_measure start");
  if (!at(measureEnd_).empty()) r.last = dayFromIso(at(measureEnd_), "case_measure end");
  const auto measureClass = measureClassOf(at(measureKind_));
  if (!measureClass) bad("case_measure", "kind");
  r.measure = *measureClass;
  const auto placement = placementIndexOf(at(placement_));
  if (!placement) bad("case_measure", "placement");
  r.placement = *placement;
  return r;
}

std::string pseudonymText(const PersonKey& person) {
  return pseudo::encodeBase32(person.data(), person.size());
}

std::string birthMonthText(std::uint32_t yyyymm) {
  char text[16];
  std::snprintf(text, sizeof text, "%04u-%02u", yyyymm / 100 % 10000, yyyymm % 100);
  return text;
}

std::string institutionText(std::uint32_t school) {
  char text[16];
  std::snprintf(text, sizeof text, "%06u", school % 1000000);
  return text;
}

std::string municipalityText(std::uint16_t code) {
  char text[8];
  std::snprintf(text, sizeof text, "%03u", static_cast<unsigned>(code % 1000));
  return text;
}

Day dayFromIso(std::string_view iso, const char* column) {
  const auto date = pseudo::parseIsoDate(iso);
  if (!date) throw Error(std::string("absence_summary: ") + column + " is not a date");
  return dayOf(*date);
}

Day dayOf(const pseudo::Date& date) {
  return schedule::daysFromCivil(date.year, date.month, date.day);
}

std::string isoFromDay(Day day) {
  const schedule::CivilTime t = schedule::civilFromDays(day);
  return pseudo::toIsoString(pseudo::Date{t.year, t.month, t.day});
}

}  // namespace brobyg::summary
