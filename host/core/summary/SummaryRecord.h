// One record of absence_summary's local store (summary::SummaryStore): an absence or an
// enrolment of a pupil, pseudonymised, in a fixed 40-byte form whose byte order is the sort
// order (person, kind, day, ...), so that the store's files are merged by comparing bytes and
// a record delivered twice (by two sources) is one record.
//
// Layout (big-endian): person 16 raw pseudonym bytes | kind 1 (0 enrolment, 1 absence) |
// day 4 (absence: the date; enrolment: the first day; Day + 2^31) | last 4 (enrolment: the
// last day, 0xffffffff while it lasts; absence: 0) | school 4 | grade 1 (0xff: none) | unit 1 |
// lesson 1 | category 1 | municipality 2 | birth month 4 (yyyymm) | sex 1 (0 female, 1 male).
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

namespace brobyg::summary {

constexpr std::size_t kRecordBytes = 40;
constexpr std::size_t kPersonBytes = 16;
using EncodedRecord = std::array<unsigned char, kRecordBytes>;
using PersonKey = std::array<unsigned char, kPersonBytes>;

enum class RecordKind : std::uint8_t { Enrolment = 0, Absence = 1 };

struct StoredRecord {
  PersonKey person{};
  RecordKind kind = RecordKind::Absence;
  Day day = 0;
  std::optional<Day> last;  // enrolment: the last day; empty while it lasts
  std::uint32_t school = 0;
  int grade = -1;  // -1: none (an absence without a grade)
  Unit unit = Unit::Days;
  int lesson = 0;
  Category category = Category::Unknown;
  std::uint16_t municipality = 0;
  std::uint32_t birthMonth = 0;  // yyyymm
  bool male = false;
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

// Turns the written rows of absence_event and enrolment (their output columns, before the
// job's generalisation) into records. The column positions are resolved once from the specs.
class RecordReader {
 public:
  RecordReader();
  // Throws brobyg::Error naming the column when a value is not what its dataset's normaliser
  // guarantees (never the value itself).
  StoredRecord absence(const std::vector<std::string_view>& columns) const;
  StoredRecord enrolment(const std::vector<std::string_view>& columns) const;

 private:
  struct Person {
    int person, birthMonth, sex, municipality, school, grade;
  };
  Person absencePerson_{}, enrolmentPerson_{};
  int date_, unit_, lesson_, category_, start_, end_;
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
