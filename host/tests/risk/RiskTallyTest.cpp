// RiskTally against a second, naive implementation written here: classes as a std::map from
// the coarsened values to the set of pseudonyms, over the rows the test keeps.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "TempDir.h"
#include "dataset/DatasetSpec.h"
#include "risk/RiskTally.h"

namespace brobyg::risk {
namespace {

struct Row {
  std::string person, birthMonth, sex, municipality, school, grade;
};

// Independent of the product: coarsen by hand, group with ordered containers.
ClassFigures naive(const std::vector<Row>& rows, const std::vector<bool>& dropped, unsigned k,
                   bool year, bool municipality) {
  std::map<std::vector<std::string>, std::set<std::string>> persons;
  std::map<std::vector<std::string>, std::uint64_t> records;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i < dropped.size() && dropped[i]) continue;
    const Row& r = rows[i];
    std::vector<std::string> key{year ? r.birthMonth.substr(0, 4) : r.birthMonth, r.sex,
                                 r.municipality, municipality ? "" : r.school, r.grade};
    persons[key].insert(r.person);
    ++records[key];
  }
  ClassFigures f;
  f.classes = persons.size();
  std::set<std::string> exposed;
  for (const auto& [key, who] : persons) {
    if (f.smallestClass == 0 || who.size() < f.smallestClass) f.smallestClass = who.size();
    if (who.size() < k) {
      f.recordsBelowK += records[key];
      exposed.insert(who.begin(), who.end());
    }
  }
  f.personsBelowK = exposed.size();
  return f;
}

// `pupils` children over `schools` schools, in random order.
std::vector<Row> generate(std::size_t n, unsigned seed, int pupils = 90, int schools = 3) {
  std::mt19937 random(seed);
  auto pick = [&](int count) { return static_cast<int>(random() % static_cast<unsigned>(count)); };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < n; ++i) {
    const int pupil = pick(pupils);  // a pupil keeps birth month and sex; school and grade may vary
    Row r;
    r.person = "p" + std::to_string(pupil);
    char month[16];
    std::snprintf(month, sizeof month, "%d-%02d", 2010 + pupil % 5, 1 + pupil / 5 % 12);
    r.birthMonth = month;
    r.sex = pupil % 2 ? "male" : "female";
    r.municipality = pupil % 5 == 0 ? "147" : "101";
    r.school = std::to_string(101000 + pick(schools));
    r.grade = std::to_string(3 + pupil % 3);
    rows.push_back(r);
  }
  return rows;
}

class RiskTallyTest : public ::testing::Test {
 protected:
  const dataset::DatasetSpec& spec = dataset::absenceEvent();

  DatasetRisk tally(const std::vector<Row>& rows, const std::vector<bool>& dropped, unsigned k,
                    const Generalisation& shipped = {}) {
    RiskTally t(spec, dir.file("spill"));
    std::vector<std::string_view> columns(spec.outputs().size());
    for (const Row& r : rows) {
      auto set = [&](const char* name, const std::string& value) {
        columns[static_cast<std::size_t>(spec.outputIndex(name))] = value;
      };
      set("person", r.person);
      set("birth_month", r.birthMonth);
      set("sex", r.sex);
      set("municipality", r.municipality);
      set("school", r.school);
      set("grade", r.grade);
      t.add(columns.data());
    }
    t.finish();
    return t.measure(dropped, k, shipped);
  }

  test::TempDir dir;
};

void expectSame(const ClassFigures& got, const ClassFigures& want, const std::string& what) {
  EXPECT_EQ(got.classes, want.classes) << what;
  EXPECT_EQ(got.smallestClass, want.smallestClass) << what;
  EXPECT_EQ(got.recordsBelowK, want.recordsBelowK) << what;
  EXPECT_EQ(got.personsBelowK, want.personsBelowK) << what;
}

TEST_F(RiskTallyTest, EveryGroupingMatchesANaiveCount) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::vector<Row> rows = generate(2000, seed);
    for (unsigned k : {2u, 5u, 11u}) {
      const DatasetRisk risk = tally(rows, {}, k);
      EXPECT_EQ(risk.records, rows.size());
      ASSERT_EQ(risk.figures.size(), 4u);
      const std::string what = "seed " + std::to_string(seed) + " k " + std::to_string(k);
      expectSame(risk.figures[0], naive(rows, {}, k, false, false), what + " none");
      expectSame(risk.figures[1], naive(rows, {}, k, true, false), what + " birth_year");
      expectSame(risk.figures[2], naive(rows, {}, k, false, true), what + " municipality");
      expectSame(risk.figures[3], naive(rows, {}, k, true, true), what + " both");
    }
  }
}

// Thousands of classes met in random order: the class table grows many times over.
TEST_F(RiskTallyTest, ThousandsOfClassesInAnyOrderMatchANaiveCount) {
  const std::vector<Row> rows = generate(40000, 7, 20000, 40);
  const DatasetRisk risk = tally(rows, {}, 5);
  ASSERT_EQ(risk.figures.size(), 4u);
  EXPECT_GT(risk.figures[0].classes, 2000u) << "the table starts at 1024 slots, half full";
  expectSame(risk.figures[0], naive(rows, {}, 5, false, false), "none");
  expectSame(risk.figures[3], naive(rows, {}, 5, true, true), "both");
}

TEST_F(RiskTallyTest, DroppedRowsDoNotCount) {
  const std::vector<Row> rows = generate(1500, 7);
  std::vector<bool> dropped(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) dropped[i] = i % 3 != 0;
  const DatasetRisk risk = tally(rows, dropped, 5);
  EXPECT_EQ(risk.records, 500u);
  expectSame(risk.figures[0], naive(rows, dropped, 5, false, false), "none");
  expectSame(risk.figures[3], naive(rows, dropped, 5, true, true), "both");
}

TEST_F(RiskTallyTest, ClassesCountPersonsNotRecords) {
  // One pupil with 40 rows is a class of one, however many rows it has.
  std::vector<Row> rows(40, Row{"only", "2013-02", "female", "101", "101001", "4"});
  rows.push_back(Row{"a", "2013-03", "male", "101", "101001", "4"});
  rows.push_back(Row{"b", "2013-03", "male", "101", "101001", "4"});
  const DatasetRisk risk = tally(rows, {}, 2);
  EXPECT_EQ(risk.persons, 3u);
  EXPECT_EQ(risk.figures[0].smallestClass, 1u);
  EXPECT_EQ(risk.figures[0].recordsBelowK, 40u);
  EXPECT_EQ(risk.figures[0].personsBelowK, 1u);
  EXPECT_NEAR(risk.figures[0].shareBelowK(risk.records), 40.0 / 42.0, 1e-12);
}

TEST_F(RiskTallyTest, ShippedGeneralisationComesFirstAndOnlyCoarserOnesFollow) {
  std::vector<Row> rows = generate(300, 4);
  for (Row& r : rows) r.birthMonth = r.birthMonth.substr(0, 4);  // shipped as years
  const DatasetRisk risk = tally(rows, {}, 5, Generalisation{true, false});
  ASSERT_EQ(risk.figures.size(), 2u);
  EXPECT_EQ(risk.figures[0].generalisation, (Generalisation{true, false}));
  EXPECT_EQ(risk.figures[1].generalisation, (Generalisation{true, true}));
  expectSame(risk.figures[1], naive(rows, {}, 5, true, true), "both");
}

TEST_F(RiskTallyTest, AnEnforcedKNamesTheGeneralisationThatReachesIt) {
  const std::vector<Row> rows = generate(3000, 5);
  for (unsigned k : {3u, 40u}) {
    RiskReport report;
    report.k = k;
    report.datasets.push_back(tally(rows, {}, k));
    const DatasetRisk* below = firstBelowK(report);
    ASSERT_NE(below, nullptr);
    const std::string message = belowKMessage(report, *below);
    EXPECT_NE(message.find("absence_event"), std::string::npos) << message;
    // The naive counts say which step, in the report's order, first reaches k.
    std::string expected = "no generalisation brobyg offers reaches it";
    const std::pair<const char*, ClassFigures> steps[] = {
        {"birth_year", naive(rows, {}, k, true, false)},
        {"municipality", naive(rows, {}, k, false, true)},
        {"birth_year,municipality", naive(rows, {}, k, true, true)}};
    for (const auto& [name, figures] : steps)
      if (figures.smallestClass >= k) {
        expected = std::string("generalisation ") + name + " would reach it";
        break;
      }
    EXPECT_NE(message.find(expected), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace brobyg::risk
