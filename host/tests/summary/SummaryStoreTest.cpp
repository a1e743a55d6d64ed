// summary::SummaryStore: generations merged in one pass, each record once, pupils with a new
// record handed over with their whole history, abandoned generations forgotten.
#include "summary/SummaryStore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "TempDir.h"
#include "util/Error.h"

namespace brobyg::summary {
namespace {

namespace fs = std::filesystem;

PersonKey person(int n) {
  PersonKey key{};
  key[0] = static_cast<unsigned char>(n * 7);
  key[15] = static_cast<unsigned char>(n);
  return key;
}

StoredRecord absence(int who, Day day, Category category = Category::Unauthorised) {
  StoredRecord r;
  r.person = person(who);
  r.kind = RecordKind::Absence;
  r.day = day;
  r.school = 280001;
  r.grade = 5;
  r.category = category;
  r.municipality = 101;
  r.birthMonth = 201503;
  return r;
}

StoredRecord enrolment(int who, Day first, std::optional<Day> last) {
  StoredRecord r = absence(who, first);
  r.kind = RecordKind::Enrolment;
  r.last = last;
  r.category = Category::Unauthorised;
  return r;
}

struct Merged {
  std::map<PersonKey, PupilHistory> pupils;
};

Merged mergeAll(SummaryStore& store) {
  Merged out;
  store.merge([&](const PupilHistory& p) {
    EXPECT_EQ(out.pupils.count(p.person), 0u) << "a pupil handed over twice";
    out.pupils[p.person] = p;
  });
  return out;
}

class SummaryStoreTest : public ::testing::Test {
 protected:
  test::TempDir tmp;
  std::string folder() const { return tmp.file("summary/job"); }
  std::string spill() const { return tmp.file("work"); }
  // Generation 1 of the store, holding `records`.
  state::DigestGeneration firstGeneration(std::initializer_list<StoredRecord> records) {
    SummaryStore first(folder(), 1, {}, spill());
    for (const StoredRecord& r : records) first.add(r);
    mergeAll(first);
    return *first.written();
  }
};

TEST(SummaryRecord, EncodesLosslesslyAndSortsByPersonThenEnrolmentsFirst) {
  StoredRecord r = enrolment(3, 20700, std::nullopt);
  r.male = true;
  r.grade = 10;
  const StoredRecord back = decodeRecord(encodeRecord(r).data());
  EXPECT_EQ(back.person, r.person);
  EXPECT_EQ(back.kind, RecordKind::Enrolment);
  EXPECT_EQ(back.day, 20700);
  EXPECT_FALSE(back.last.has_value());
  EXPECT_EQ(back.school, 280001u);
  EXPECT_EQ(back.grade, 10);
  EXPECT_EQ(back.municipality, 101);
  EXPECT_EQ(back.birthMonth, 201503u);
  EXPECT_TRUE(back.male);
  StoredRecord lesson = absence(3, 20701, Category::Sick);
  lesson.unit = Unit::Lessons;
  lesson.lesson = 4;
  lesson.grade = -1;
  const StoredRecord l = decodeRecord(encodeRecord(lesson).data());
  EXPECT_EQ(l.unit, Unit::Lessons);
  EXPECT_EQ(l.lesson, 4);
  EXPECT_EQ(l.grade, -1);
  EXPECT_EQ(l.category, Category::Sick);
  // Byte order is sort order: person first, then an enrolment before any absence.
  EXPECT_LT(encodeRecord(enrolment(3, 30000, 30001)), encodeRecord(absence(3, 100)));
  EXPECT_LT(encodeRecord(absence(3, 30000)), encodeRecord(enrolment(4, 1, 2)));
  EXPECT_LT(encodeRecord(absence(3, -5)), encodeRecord(absence(3, 5)));
}

TEST_F(SummaryStoreTest, SecondGenerationHandsOverOnlyPupilsWithNewRecordsWithTheirWholeHistory) {
  SummaryStore first(folder(), 1, {}, spill());
  first.add(enrolment(1, 20000, 20300));
  first.add(absence(1, 20010));
  first.add(absence(2, 20020));
  first.add(absence(2, 20020));  // the same absence from a second source: one record
  Merged one = mergeAll(first);
  ASSERT_EQ(one.pupils.size(), 2u);
  EXPECT_EQ(one.pupils[person(2)].records.size(), 1u);
  EXPECT_EQ(one.pupils[person(1)].touched.first, 20000);
  EXPECT_EQ(one.pupils[person(1)].touched.last, 20300);
  ASSERT_TRUE(first.written());
  EXPECT_EQ(first.written()->generation, 1);
  EXPECT_EQ(first.written()->bytes, 16u + 3 * kRecordBytes);
  first.retire();

  SummaryStore second(folder(), 2, *first.written(), spill());
  second.add(absence(1, 20040));
  second.add(absence(2, 20020));  // delivered before: not new, so pupil 2 is not summarised
  Merged two = mergeAll(second);
  ASSERT_EQ(two.pupils.size(), 1u);
  const PupilHistory& p = two.pupils.at(person(1));
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].kind, RecordKind::Enrolment);
  EXPECT_EQ(p.records[1].day, 20010);
  EXPECT_EQ(p.records[2].day, 20040);
  EXPECT_EQ(p.touched.first, 20040);
  EXPECT_EQ(p.touched.last, 20040);
  EXPECT_EQ(second.written()->bytes, 16u + 4 * kRecordBytes);
  second.retire();
  EXPECT_FALSE(fs::exists(folder() + "/1.records"));
  EXPECT_TRUE(fs::exists(folder() + "/2.records"));
}

// absence_aggregate counts a period's whole population: with Handover::EveryPupil the pupils
// without a new record come too, marked so and with nothing touched.
TEST_F(SummaryStoreTest, EveryPupilHandoverBringsThePupilsWithoutNewsMarkedSo) {
  const state::DigestGeneration committed = firstGeneration(
      {enrolment(1, 20000, 20300), absence(1, 20010), absence(2, 20020), absence(3, 20030)});
  SummaryStore second(folder(), 2, committed, spill());
  second.add(absence(2, 20040));
  second.add(absence(3, 20030));  // delivered before: pupil 3 has nothing new
  std::map<PersonKey, PupilHistory> pupils;
  second.merge([&](const PupilHistory& p) { pupils[p.person] = p; }, Handover::EveryPupil);
  ASSERT_EQ(pupils.size(), 3u);
  EXPECT_FALSE(pupils.at(person(1)).hasNew);
  EXPECT_EQ(pupils.at(person(1)).records.size(), 2u) << "the whole history";
  EXPECT_FALSE(pupils.at(person(1)).openEnded);
  EXPECT_FALSE(pupils.at(person(3)).hasNew);
  const PupilHistory& two = pupils.at(person(2));
  EXPECT_TRUE(two.hasNew);
  EXPECT_EQ(two.records.size(), 2u);
  EXPECT_EQ(two.touched.first, 20040);
  EXPECT_EQ(two.touched.last, 20040);
  EXPECT_EQ(second.written()->bytes, 16u + 5 * kRecordBytes) << "the store is the same either way";
}

TEST_F(SummaryStoreTest, AbandonedGenerationIsForgottenAndTheCommittedOneStays) {
  SummaryStore first(folder(), 1, {}, spill());
  first.add(absence(1, 20010));
  mergeAll(first);
  const state::DigestGeneration committed = *first.written();
  {
    SummaryStore failed(folder(), 2, committed, spill());
    failed.add(absence(1, 20011));
    mergeAll(failed);
    failed.discard();
  }
  EXPECT_FALSE(fs::exists(folder() + "/2.records"));
  // A crash leaves the uncommitted file behind instead: the next store removes it, and counts
  // the same record as new again, once.
  {
    SummaryStore crashed(folder(), 3, committed, spill());
    crashed.add(absence(1, 20011));
    mergeAll(crashed);
  }
  ASSERT_TRUE(fs::exists(folder() + "/3.records"));
  SummaryStore next(folder(), 4, committed, spill());
  EXPECT_FALSE(fs::exists(folder() + "/3.records"));
  next.add(absence(1, 20011));
  Merged m = mergeAll(next);
  EXPECT_EQ(m.pupils.at(person(1)).records.size(), 2u);
  EXPECT_EQ(next.written()->bytes, 16u + 2 * kRecordBytes);
}

TEST_F(SummaryStoreTest, SpilledRunsMergeToTheSameResultAsOneBuffer) {
  std::vector<StoredRecord> records;
  for (int who = 0; who < 40; ++who)
    for (int d = 0; d < 9; ++d) records.push_back(absence((who * 13) % 40, 20000 + (d * 5) % 9));
  SummaryStore small(tmp.file("a"), 1, {}, tmp.file("spill-a"), 7);
  SummaryStore big(tmp.file("b"), 1, {}, tmp.file("spill-b"));
  for (const StoredRecord& r : records) {
    small.add(r);
    big.add(r);
  }
  Merged a = mergeAll(small);
  Merged b = mergeAll(big);
  ASSERT_EQ(a.pupils.size(), 40u);
  for (const auto& entry : b.pupils) {
    const PupilHistory& other = a.pupils.at(entry.first);
    ASSERT_EQ(other.records.size(), entry.second.records.size());
    for (std::size_t i = 1; i < other.records.size(); ++i)
      EXPECT_LT(other.records[i - 1].day, other.records[i].day);
  }
  EXPECT_EQ(small.written()->bytes, big.written()->bytes);
  EXPECT_EQ(small.written()->bytes, 16u + 40 * 9 * kRecordBytes);
}

TEST_F(SummaryStoreTest, ADamagedCommittedFileStopsTheJob) {
  SummaryStore first(folder(), 1, {}, spill());
  first.add(absence(1, 20010));
  mergeAll(first);
  state::DigestGeneration wrong = *first.written();
  wrong.bytes += kRecordBytes;
  try {
    SummaryStore damaged(folder(), 2, wrong, spill());
    FAIL() << "a committed file of the wrong size was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("1.records"), std::string::npos) << e.what();
  }
  fs::remove(folder() + "/1.records");
  EXPECT_THROW(SummaryStore(folder(), 2, *first.written(), spill()), Error);
}

TEST_F(SummaryStoreTest, ARecordRepeatedAcrossSpilledRunsAndTheCommittedFileIsKeptOnce) {
  const state::DigestGeneration committed = firstGeneration({absence(1, 20010), absence(2, 20010)});
  // Room for two records: every pair is a spilled run of its own, so the repeats meet only in
  // the merge, there with the committed file's copies.
  SummaryStore second(folder(), 2, committed, spill(), 2);
  for (int i = 0; i < 3; ++i) {
    second.add(absence(1, 20011));
    second.add(absence(1, 20010));
    second.add(absence(2, 20010));
  }
  Merged m = mergeAll(second);
  ASSERT_EQ(m.pupils.size(), 1u) << "pupil 2 has nothing new";
  EXPECT_EQ(m.pupils.at(person(1)).records.size(), 2u);
  EXPECT_EQ(second.written()->bytes, 16u + 3 * kRecordBytes);
}

TEST_F(SummaryStoreTest, ACommittedFileOutOfOrderStopsTheMergeNamingIt) {
  const state::DigestGeneration committed = firstGeneration({absence(1, 20010), absence(2, 20010)});
  {
    // Same size, records swapped: only the order tells.
    std::fstream file(folder() + "/1.records", std::ios::in | std::ios::out | std::ios::binary);
    std::string a(kRecordBytes, '\0'), b(kRecordBytes, '\0');
    file.seekg(16);
    file.read(a.data(), kRecordBytes);
    file.read(b.data(), kRecordBytes);
    file.seekp(16);
    file.write(b.data(), kRecordBytes);
    file.write(a.data(), kRecordBytes);
    ASSERT_TRUE(file.good());
  }
  SummaryStore second(folder(), 2, committed, spill());
  second.add(absence(3, 20010));
  try {
    mergeAll(second);
    FAIL() << "a committed file out of order was merged";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("1.records"), std::string::npos) << e.what();
  }
}

TEST(SummaryRecord, ALessonAbsenceIsToldFromItsBytes) {
  StoredRecord lesson = absence(1, 20010);
  lesson.unit = Unit::Lessons;
  EXPECT_TRUE(isLessonAbsence(encodeRecord(lesson).data()));
  EXPECT_FALSE(isLessonAbsence(encodeRecord(absence(1, 20010)).data()));
  StoredRecord enrolled = enrolment(1, 20000, std::nullopt);
  enrolled.unit = Unit::Lessons;
  EXPECT_FALSE(isLessonAbsence(encodeRecord(enrolled).data()));
}

TEST_F(SummaryStoreTest, LessonRecordsAreRememberedInTheGeneration) {
  SummaryStore first(folder(), 1, {}, spill());
  StoredRecord lesson = absence(1, 20010);
  lesson.unit = Unit::Lessons;
  lesson.lesson = 2;
  first.add(lesson);
  EXPECT_TRUE(first.lessons());
  mergeAll(first);
  SummaryStore second(folder(), 2, *first.written(), spill());
  EXPECT_TRUE(second.lessons());
}

}  // namespace
StoredRecord measure(int who, Day first, std::optional<Day> last, MeasureClass cls, int placement) {
  StoredRecord r = enrolment(who, first, last);
  r.kind = RecordKind::Measure;
  r.school = 0;
  r.grade = -1;
  r.measure = cls;
  r.placement = placement;
  return r;
}

TEST(SummaryRecord, AMeasureEncodesLosslesslyAfterTheChildsAbsencesAndIsNoLessonAbsence) {
  const StoredRecord r = measure(3, 20700, 20900, MeasureClass::Care, 3);
  const StoredRecord back = decodeRecord(encodeRecord(r).data());
  EXPECT_EQ(back.kind, RecordKind::Measure);
  EXPECT_EQ(back.day, 20700);
  EXPECT_EQ(back.last, 20900);
  EXPECT_EQ(back.measure, MeasureClass::Care);
  EXPECT_EQ(back.placement, 3);
  EXPECT_EQ(back.grade, -1);
  EXPECT_EQ(back.birthMonth, 201503u);
  const StoredRecord open = decodeRecord(
      encodeRecord(measure(3, 20700, std::nullopt, MeasureClass::Preventive, 0)).data());
  EXPECT_FALSE(open.last.has_value());
  EXPECT_EQ(open.measure, MeasureClass::Preventive);
  EXPECT_FALSE(isLessonAbsence(encodeRecord(r).data())) << "its class byte is not a unit";
  EXPECT_LT(encodeRecord(absence(3, 90000)), encodeRecord(r));
  EXPECT_LT(encodeRecord(r), encodeRecord(enrolment(4, 1, 2)));
}

TEST_F(SummaryStoreTest, ANewMeasureTouchesItsWholeSpanAndAnOpenOneIsOpenEnded) {
  const state::DigestGeneration committed = firstGeneration({absence(1, 20010)});
  SummaryStore second(folder(), 2, committed, spill());
  second.add(measure(1, 20100, 20400, MeasureClass::Care, 2));
  second.add(measure(2, 20200, std::nullopt, MeasureClass::Preventive, 0));
  Merged two = mergeAll(second);
  ASSERT_EQ(two.pupils.size(), 2u);
  const PupilHistory& one = two.pupils.at(person(1));
  ASSERT_EQ(one.records.size(), 2u);
  EXPECT_EQ(one.records[1].kind, RecordKind::Measure);
  EXPECT_EQ(one.touched.first, 20100);
  EXPECT_EQ(one.touched.last, 20400);
  EXPECT_FALSE(one.openEnded);
  EXPECT_TRUE(two.pupils.at(person(2)).openEnded);
  EXPECT_FALSE(second.lessons()) << "a measure's class byte does not make the store lesson-level";
}

// The predicate works on the store's bytes; the cases read better as records.
bool supersededByClosedTwin(const StoredRecord& record,
                            std::initializer_list<StoredRecord> history) {
  std::vector<EncodedRecord> encoded;
  for (const StoredRecord& r : history) encoded.push_back(encodeRecord(r));
  return summary::supersededByClosedTwin(encodeRecord(record), encoded);
}

TEST(SummaryRecord, AnOpenSpellIsSupersededByTheSameSpellWithAnEnd) {
  const StoredRecord open = enrolment(1, 20000, std::nullopt);
  const StoredRecord closed = enrolment(1, 20000, 20100);
  StoredRecord otherSchool = closed;
  otherSchool.school = 280002;
  EXPECT_TRUE(supersededByClosedTwin(open, {open, closed}));
  EXPECT_FALSE(supersededByClosedTwin(closed, {open, closed})) << "the closed one stays";
  EXPECT_FALSE(supersededByClosedTwin(open, {open, otherSchool})) << "another school's spell";
  EXPECT_FALSE(supersededByClosedTwin(open, {open, enrolment(1, 20001, 20100)})) << "another start";
  const StoredRecord care = measure(1, 20000, std::nullopt, MeasureClass::Care, 2);
  EXPECT_TRUE(
      supersededByClosedTwin(care, {care, measure(1, 20000, 20050, MeasureClass::Care, 2)}));
  EXPECT_FALSE(
      supersededByClosedTwin(care, {care, measure(1, 20000, 20050, MeasureClass::Care, 3)}))
      << "another placement";
  EXPECT_FALSE(supersededByClosedTwin(care, {care, closed})) << "an enrolment is no measure";
}

TEST_F(SummaryStoreTest, AnEndRecordedLaterReplacesTheOpenSpellInTheStore) {
  const state::DigestGeneration committed =
      firstGeneration({enrolment(1, 20000, std::nullopt), absence(1, 20010)});
  SummaryStore second(folder(), 2, committed, spill());
  second.add(enrolment(1, 20000, 20100));
  Merged two = mergeAll(second);
  const PupilHistory& p = two.pupils.at(person(1));
  ASSERT_EQ(p.records.size(), 2u) << "the open spell left the store";
  EXPECT_EQ(p.records[0].last, 20100);
  EXPECT_TRUE(p.openEnded) << "the periods after the new end are summarised again";
  EXPECT_EQ(second.written()->bytes, 16u + 2 * kRecordBytes);
  second.retire();

  // A later run that adds an absence sees the closed spell only, and no longer to the end.
  SummaryStore third(folder(), 3, *second.written(), spill());
  third.add(absence(1, 20020));
  Merged three = mergeAll(third);
  EXPECT_FALSE(three.pupils.at(person(1)).openEnded);
  EXPECT_EQ(three.pupils.at(person(1)).records.size(), 3u);
}

}  // namespace brobyg::summary
