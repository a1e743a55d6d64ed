// DatasetSpec refuses, when it is built, a declaration the normaliser could not run row by row.
#include <gtest/gtest.h>

#include "dataset/DatasetSpec.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {

// A person, a date and an age on that date; `dateKind` and `required` shape the date field.
DatasetDeclaration withAgeOn(FieldKind dateKind, bool required) {
  DatasetDeclaration d;
  d.name = "age_check";
  d.inputs = {
      {"person", FieldKind::Person, true, "", 0, 0, false, "CPR number", "", ""},
      {"date", dateKind, required, "", 0, 0, false, "the date", "", ""},
  };
  d.outputs = {
      {"person", ColumnType::Pseudonym, true, Origin::Pseudonym, "", "", "pseudonym", ""},
      {"age", ColumnType::Int, true, Origin::Age, "date", "", "age on the date", ""},
  };
  return d;
}

TEST(DatasetSpec, AgeOnARequiredDateIsAccepted) {
  EXPECT_NO_THROW(DatasetSpec{withAgeOn(FieldKind::Date, true)});
}

// An empty optional date would leave the normaliser without an age to write.
TEST(DatasetSpec, AgeOnAnOptionalDateIsRefused) {
  EXPECT_THROW(DatasetSpec{withAgeOn(FieldKind::Date, false)}, Error);
}

TEST(DatasetSpec, AgeOnAFieldThatIsNoDateIsRefused) {
  EXPECT_THROW(DatasetSpec{withAgeOn(FieldKind::Text, true)}, Error);
}

// Names become file names and state keys; absence_summary's store is recorded with the row
// digests under "absence_summary.store", which must never be a dataset's.
TEST(DatasetSpec, ANameOtherThanLowerCaseLettersDigitsAndUnderscoreIsRefused) {
  for (const char* name : {"absence_summary.store", "", "Age", "age-check", "../age"}) {
    DatasetDeclaration d = withAgeOn(FieldKind::Date, true);
    d.name = name;
    EXPECT_THROW(DatasetSpec{std::move(d)}, Error) << name;
  }
  DatasetDeclaration d = withAgeOn(FieldKind::Date, true);
  d.name = "age_check_2";
  EXPECT_NO_THROW(DatasetSpec{std::move(d)});
}

}  // namespace
}  // namespace brobyg::dataset
