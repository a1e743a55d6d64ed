#include <gtest/gtest.h>

#include "dataset/DatasetSpec.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"

#include "pipeline/RowNormaliser.h"

using namespace brobyg;

namespace {

// person, municipality, school, grade, date, unit, lesson, category
struct Row {
  std::vector<std::string> values{"150215-4837", "0101", "101002", "5",
                                  "2025-10-03",  "",     "",       "sick"};
  std::vector<brobyg_str> abi() const {
    std::vector<brobyg_str> out;
    for (const auto& v : values) out.push_back({v.data(), v.size()});
    return out;
  }
};

class NormaliserTest : public ::testing::Test {
 protected:
  NormaliserTest()
      : key_(pseudo::ProjectKey::fromBytes(pseudo::ProjectKey::Bytes{})),
        pseudonymiser_(key_, "test-project"),
        normaliser_(pipeline::RowNormaliser::forDataset(dataset::absenceEvent(), pseudonymiser_,
                                                        pseudo::Date{2026, 11, 25})) {}

  // The output views may point into the input row: keep it alive until the next run.
  bool run(const Row& row) {
    row_ = row;
    abi_ = row_.abi();
    return normaliser_->normalise(abi_.data(), abi_.size(), "skole", out_, reason_);
  }
  std::string rejectReason(const Row& row) {
    EXPECT_FALSE(run(row));
    for (const auto& v : row.values) {
      bool identifying = v.size() >= 6 && v.find_first_of("0123456789") != std::string::npos;
      if (identifying) {
        EXPECT_EQ(reason_.find(v), std::string::npos) << "reason quotes a value";
      }
    }
    return reason_;
  }
  std::string column(const char* name) const {
    return std::string(out_[static_cast<std::size_t>(dataset::absenceEvent().outputIndex(name))]);
  }

  pseudo::ProjectKey key_;
  pseudo::Pseudonymiser pseudonymiser_;
  std::unique_ptr<pipeline::RowNormaliser> normaliser_;
  Row row_;
  std::vector<brobyg_str> abi_;
  std::vector<std::string_view> out_;
  std::string reason_;
};

}  // namespace

TEST_F(NormaliserTest, DerivesAndPseudonymises) {
  ASSERT_TRUE(run(Row{})) << reason_;
  EXPECT_EQ(column("person"), pseudonymiser_.ofDigits("1502154837").str());
  EXPECT_EQ(column("birth_month"), "2015-02");
  EXPECT_EQ(column("sex"), "male");
  EXPECT_EQ(column("age"), "10");
  EXPECT_EQ(column("municipality"), "101") << "canonical 3-digit kommunekode";
  EXPECT_EQ(column("unit"), "day");
  EXPECT_EQ(column("source"), "skole");
}

TEST_F(NormaliserTest, ALessonNumberMeansALessonUnit) {
  Row row;
  row.values[6] = "3";
  ASSERT_TRUE(run(row)) << reason_;
  EXPECT_EQ(column("unit"), "lesson");
  EXPECT_EQ(column("lesson"), "3");
}

TEST_F(NormaliserTest, RejectsWithTheFieldNeverTheValue) {
  struct Case {
    std::size_t field;
    std::string value;
    std::string reason;
  };
  const Case cases[] = {
      {0, "", "person: missing"},
      {0, "151315-4837", "person: not a valid CPR number (invalid date)"},
      {0, "150215-48371", "person: not a valid CPR number"},
      {0, "150255-5837", "birth date in the future"},
      {0, "150270-1837", "person: over 30"},
      {1, "12345", "municipality: not a kommunekode"},
      {1, "", "municipality: missing"},
      {2, "10-10", "school: not an institution number"},
      {2, "1010011", "school: not an institution number"},
      {2, "1502154837", "school: looks like a CPR number"},
      {2, "150215-4837", "school: looks like a CPR number"},
      {7, "1502154837", "category: looks like a CPR number"},
      {1, "150215 4837", "municipality: looks like a CPR number"},
      {3, "11", "grade: not a whole number from 0 to 10"},
      {4, "03-10-2025", "date: not a date yyyy-mm-dd"},
      {4, "2027-01-01", "date: in the future"},
      {4, "2014-01-01", "date: before the person's birth date"},
      {5, "hour", "unit: not day or lesson"},
      {7, "Syg", "category: not sick, authorised, unauthorised or unknown"},
  };
  for (const Case& c : cases) {
    Row row;
    row.values[c.field] = c.value;
    EXPECT_NE(rejectReason(row).find(c.reason), std::string::npos)
        << "field " << c.field << ": " << reason_;
  }
  Row lessonless;
  lessonless.values[5] = "lesson";
  EXPECT_NE(rejectReason(lessonless).find("lesson: missing"), std::string::npos);
  Row dayWithLesson;
  dayWithLesson.values[5] = "day";
  dayWithLesson.values[6] = "2";
  EXPECT_NE(rejectReason(dayWithLesson).find("lesson: given for a whole-day"), std::string::npos);
}

TEST_F(NormaliserTest, TrimsValues) {
  Row row;
  row.values[0] = "  1502154837 ";
  row.values[7] = " sick\t";
  ASSERT_TRUE(run(row)) << reason_;
  EXPECT_EQ(column("category"), "sick");
}

// case_measure: free text is checked, unrecognised legal bases are kept and counted, and a
// rule's column does not leak from one row into the next.
class CaseMeasureNormaliserTest : public ::testing::Test {
 protected:
  CaseMeasureNormaliserTest()
      : key_(pseudo::ProjectKey::fromBytes(pseudo::ProjectKey::Bytes{})),
        pseudonymiser_(key_, "test-project"),
        normaliser_(pipeline::RowNormaliser::forDataset(dataset::caseMeasure(), pseudonymiser_,
                                                        pseudo::Date{2026, 11, 25})) {}

  // person, municipality, legal_basis, placement_type, start, end
  // The output views may point into the input values: keep them alive until the next run.
  bool run(std::vector<std::string> values) {
    values_ = std::move(values);
    abi_.clear();
    for (const auto& v : values_) abi_.push_back({v.data(), v.size()});
    return normaliser_->normalise(abi_.data(), abi_.size(), "sager", out_, reason_);
  }
  std::string column(const char* name) const {
    return std::string(out_[static_cast<std::size_t>(dataset::caseMeasure().outputIndex(name))]);
  }
  std::uint64_t count(const std::string& name) const {
    for (const auto& c : normaliser_->counts())
      if (c.name == name) return c.rows;
    ADD_FAILURE() << "no count " << name;
    return 0;
  }

  pseudo::ProjectKey key_;
  pseudo::Pseudonymiser pseudonymiser_;
  std::unique_ptr<pipeline::RowNormaliser> normaliser_;
  std::vector<std::string> values_;
  std::vector<brobyg_str> abi_;
  std::vector<std::string_view> out_;
  std::string reason_;
};

TEST_F(CaseMeasureNormaliserTest, RecognisedAndUnrecognisedLegalBases) {
  ASSERT_TRUE(run({"1502154837", "0101", "SEL 52.3.7", "21", "2023-01-01", ""})) << reason_;
  EXPECT_EQ(column("legal_basis"), "SEL-52-3-7");
  EXPECT_EQ(column("kind"), "placement_consent");
  EXPECT_EQ(column("placement"), "foster_family");
  EXPECT_EQ(count("legal_basis_unrecognised"), 0u);

  ASSERT_TRUE(run({"1502154837", "0101", "efter aftale", "", "2023-01-01", ""})) << reason_;
  EXPECT_EQ(column("legal_basis"), "") << "the previous row's basis does not leak";
  EXPECT_EQ(column("kind"), "unknown");
  EXPECT_EQ(column("placement"), "");
  EXPECT_EQ(column("legal_basis_recorded"), "efter aftale");
  EXPECT_EQ(count("legal_basis_unrecognised"), 1u);
  EXPECT_EQ(count("placement_unrecognised"), 0u);
}

TEST_F(CaseMeasureNormaliserTest, TextWithControlCharactersOrTooLongIsRejected) {
  EXPECT_FALSE(run({"1502154837", "0101", std::string("BL \x01 46"), "", "2023-01-01", ""}));
  EXPECT_NE(reason_.find("legal_basis: not text"), std::string::npos) << reason_;
  EXPECT_FALSE(run({"1502154837", "0101", "BL 46", std::string(201, 'x'), "2023-01-01", ""}));
  EXPECT_NE(reason_.find("placement_type: not text"), std::string::npos) << reason_;
  EXPECT_FALSE(run({"1502154837", "0101", "BL 46", "\xff", "2023-01-01", ""}));
  EXPECT_NE(reason_.find("placement_type: not text"), std::string::npos) << reason_;
}

TEST_F(CaseMeasureNormaliserTest, EndBeforeStartAndInvalidDates) {
  EXPECT_FALSE(run({"1502154837", "0101", "BL 46", "", "2023-01-01", "2022-12-31"}));
  EXPECT_EQ(reason_, "end: before start");
  EXPECT_FALSE(run({"1502154837", "0101", "BL 46", "", "2023-02-29", ""}));
  EXPECT_EQ(reason_, "start: not a date yyyy-mm-dd");
  EXPECT_TRUE(run({"1502154837", "0101", "BL 46", "", "2023-01-01", "2027-12-31"}))
      << "a planned end may lie in the future: " << reason_;
}
