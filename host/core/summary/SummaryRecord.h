// One record of the job's local store (summary::SummaryStore): an absence, an enrolment or a
// social-service measure of a child, pseudonymised, in a fixed 40-byte form whose byte order is
// the sort order (person, kind, day, ...), so that the store's files are merged by comparing
// bytes and a record delivered twice (by two sources) is one record.
//
// Layout (big-endian): person 16 raw pseudonym bytes | kind 1 (0 enrolment, 1 absence,
// 2 measure) | day 4 (absence: the date; enrolment, measure: the first day; Day + 2^31) |
// last 4 (enrolment, measure: the last day, 0xffffffff while it lasts; absence: 0) | school 4 |
// grade 1 (0xff: none) | unit 1 (measure: its MeasureClass) | lesson 1 (measure: its placement,
// PlacementIndex) | category 1 | municipality 2 | birth month 4 (yyyymm) | sex 1 (0 female,
// 1 male). Measures came with person_period (issue 15): a store written before holds none.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/SchoolCalendar.h"
#include "pseudo/Date.h"
#include "summary/AbsenceSummary.h"
#include "summary/PersonPeriod.h"

namespace brobyg::summary {

constexpr std::size_t kRecordBytes = 40;
constexpr std::size_t kPersonBytes = 16;
using EncodedRecord = std::array<unsigned char, kRecordBytes>;
using PersonKey = std::array<unsigned char, kPersonBytes>;

enum class RecordKind : std::uint8_t { Enrolment = 0, Absence = 1, Measure = 2 };

struct StoredRecord {
  PersonKey person{};
  RecordKind kind = RecordKind::Absence;
  Day day = 0;
  std::optional<Day> last;   // enrolment, measure: the last day; empty while it lasts
  std::uint32_t school = 0;  // 0 for a measure
  int grade = -1;            // -1: none (an absence without a grade)
  Unit unit = Unit::Days;
  int lesson = 0;
  Category category = Category::Unknown;
  std::uint16_t municipality = 0;
  std::uint32_t birthMonth = 0;  // yyyymm
  bool male = false;
  MeasureClass measure = MeasureClass::Other;  // a measure's
  int placement = 0;                           // a measure's: PlacementIndex, 0 for none
};

EncodedRecord encodeRecord(const StoredRecord& record);
StoredRecord decodeRecord(const unsigned char* bytes);
// Whether an encoded record is an absence counted in lessons, without decoding it.
bool isLessonAbsence(const unsigned char* bytes);
inline PersonKey personOf(const unsigned char* bytes) {
  PersonKey key;
  std::copy(bytes, bytes + kPersonBytes, key.begin());
  return key;
}

// Whether `record` is an enrolment or measure without a last day that `history` (the same
// child's records) also holds with one: the same enrolment (start, school, grade) or measure
// (start, class, placement) after its end was recorded. The store keeps the closed record
// only, so that an export that sets an end date ends the spell (a record delivered twice, once
// open, once closed, would otherwise count as open for ever).
bool supersededByClosedTwin(const EncodedRecord& record, const std::vector<EncodedRecord>& history);

// Turns the written rows of absence_event, enrolment and case_measure (their output columns,
// before the job's generalisation) into records. The column positions are resolved once from the
// specs.
class RecordReader {
 public:
  RecordReader();
  // Throws brobyg::Error naming the column when a value is not what its dataset's normaliser
  // guarantees (never the value itself).
  StoredRecord absence(const std::vector<std::string_view>& columns) const;
  StoredRecord enrolment(const std::vector<std::string_view>& columns) const;
  StoredRecord measure(const std::vector<std::string_view>& columns) const;

 private:
  struct Person {
    int person, birthMonth, sex, municipality, school, grade;  // school, grade: -1 for none
  };
  Person absencePerson_{}, enrolmentPerson_{}, measurePerson_{};
  int date_, unit_, lesson_, category_, start_, end_, measureKind_, placement_, measureStart_,
      measureEnd_;
};

// What summarisePupil reads and the person columns of the rows it gives, for one pupil.
std::string pseudonymText(const PersonKey& person);
std::string birthMonthText(std::uint32_t yyyymm);   // "2014-03"
std::string institutionText(std::uint32_t school);  // six digits
std::string municipalityText(std::uint16_t code);   // three digits
Day dayFromIso(std::string_view iso, const char* column);
Day dayOf(const pseudo::Date& date);
std::string isoFromDay(Day day);

}  // namespace brobyg::summary
