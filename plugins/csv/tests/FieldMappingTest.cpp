#include "FieldMapping.h"
#include "TestSupport.h"

#include <gtest/gtest.h>

namespace brobyg::csv {
namespace {

using testing::SettingsMap;

const SettingsMap kBase = {{"directory", "/tmp"},        {"column.person", "CPR-nr"},
                           {"column.date", "Dato"},      {"column.school", "Skole"},
                           {"column.category", "Type"},  {"constant.municipality", "0101"},
                           {"date_format", "dd-mm-yyyy"}};

SettingsMap with(SettingsMap settings, const SettingsMap& more) {
  for (const auto& [k, v] : more) settings[k] = v;
  return settings;
}

std::string createError(const SettingsMap& values) {
  try {
    const sdk::Settings settings = test::settingsOf(values);
    const CsvConfig config = CsvConfig::fromSettings(settings);
    FieldMapping mapping(settings, test::absenceDataset(), config);
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return {};
}

class Mapper {
 public:
  explicit Mapper(const SettingsMap& values)
      : settings_(test::settingsOf(values)),
        config_(CsvConfig::fromSettings(settings_)),
        mapping_(settings_, test::absenceDataset(), config_) {}

  FieldMapping& mapping() { return mapping_; }

  // Maps one row given as field values; returns the dataset values or "!reason".
  std::vector<std::string> map(const std::vector<std::string>& row) {
    std::vector<std::string_view> fields(row.begin(), row.end());
    std::vector<brobyg_str> values;
    std::string reason;
    if (!mapping_.map(fields, values, reason)) return {"!" + reason};
    std::vector<std::string> out;
    for (const brobyg_str& v : values)
      out.emplace_back(v.data == nullptr ? "" : std::string(v.data, v.size));
    return out;
  }

 private:
  sdk::Settings settings_;
  CsvConfig config_;
  FieldMapping mapping_;
};

using Values = std::vector<std::string>;
const std::vector<std::string_view> kHeader = {"CPR-nr", "Navn", "Dato", "Skole", "Type"};

TEST(FieldMapping, MapsColumnsConstantsAndDates) {
  Mapper m(with(kBase, {{"value.category.Syg", "sick"}}));
  ASSERT_FALSE(m.mapping().bindHeader(kHeader));
  EXPECT_EQ(m.map({"0101121234", "Test Testesen", "07-03-2024", "280123", " syg "}),
            (Values{"0101121234", "0101", "280123", "", "2024-03-07", "", "", "sick"}));
}

TEST(FieldMapping, HeaderNamesMatchCaseInsensitivelyAfterTrim) {
  Mapper m(kBase);
  EXPECT_FALSE(m.mapping().bindHeader({" cpr-NR ", "x", "DATO", "skole", "type"}));
  EXPECT_EQ(m.mapping().columnsNeeded(), 5u);
}

TEST(FieldMapping, HeaderProblemsNameTheSetting) {
  Mapper m(kBase);
  EXPECT_EQ(*m.mapping().bindHeader({"CPR", "Dato", "Skole", "Type"}),
            "the header has no column 'CPR-nr' (setting column.person)");
  EXPECT_EQ(*m.mapping().bindHeader({"CPR-nr", "Dato", "Dato", "Skole", "Type"}),
            "the header has column 'Dato' more than once (setting column.date)");
}

TEST(FieldMapping, Windows1252HeaderAndValues) {
  Mapper m(with(kBase, {{"encoding", "windows-1252"},
                        {"column.category", "Fraværsårsag"},
                        {"value.category.Ekstraordinær frihed", "authorised"}}));
  ASSERT_FALSE(m.mapping().bindHeader({"CPR-nr", "Dato", "Skole", "Frav\xE6rs\xE5rsag"}));
  EXPECT_EQ(m.map({"0101121234", "01-08-2024", "280123", "EKSTRAORDIN\xC6R FRIHED"})[7],
            "authorised");
}

TEST(FieldMapping, CodeFieldsPassValidCodesAndRejectOthers) {
  Mapper m(with(kBase, {{"value.category.S", "sick"}}));
  ASSERT_FALSE(m.mapping().bindHeader(kHeader));
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "Unauthorised"})[7], "unauthorised");
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "s"})[7], "sick");
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "Pjæk"}),
            (Values{"!column 'Type': value not in value map"}));
}

TEST(FieldMapping, WildcardCatchesOtherNonEmptyValues) {
  Mapper m(with(kBase, {{"value.category.Syg", "sick"}, {"value.category.*", "unknown"}}));
  ASSERT_FALSE(m.mapping().bindHeader(kHeader));
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "Andet"})[7], "unknown");
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "sick"})[7], "sick");
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", ""}),
            (Values{"!column 'Type': required value is empty"}));
}

TEST(FieldMapping, RowProblemsNameColumnNotValue) {
  Mapper m(with(kBase, {{"column.grade", "Navn"}}));
  ASSERT_FALSE(m.mapping().bindHeader(kHeader));
  EXPECT_EQ(m.map({"", "1", "01-08-2024", "1", "sick"}),
            (Values{"!column 'CPR-nr': required value is empty"}));
  EXPECT_EQ(m.map({"0101121234", "1", "2024-08-01", "1", "sick"}),
            (Values{"!column 'Dato': date does not match dd-mm-yyyy"}));
  EXPECT_EQ(m.map({"0101121234", "7.b", "01-08-2024", "1", "sick"}),
            (Values{"!column 'Navn': not a whole number"}));
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "1", "sick"})[3], "");  // optional: absent
}

TEST(FieldMapping, InvalidUtf8IsRejected) {
  Mapper m(kBase);
  ASSERT_FALSE(m.mapping().bindHeader(kHeader));
  EXPECT_EQ(m.map({"0101121234", "", "01-08-2024", "Sk\xE6", "sick"}),
            (Values{"!column 'Skole': not valid UTF-8 (setting encoding)"}));
}

TEST(FieldMapping, NumberedColumnsWithoutHeader) {
  Mapper m({{"directory", "/tmp"},
            {"header", "false"},
            {"column.person", "1"},
            {"column.date", "3"},
            {"column.school", "2"},
            {"column.category", "4"},
            {"constant.municipality", "0101"}});
  m.mapping().bindNumbers();
  EXPECT_EQ(m.mapping().columnsNeeded(), 4u);
  EXPECT_EQ(m.map({"0101121234", "280123", "2024-08-01", "x"}),
            (Values{"!column 4: value not in value map"}));
}

TEST(FieldMapping, ConfigurationErrorsNameTheSetting) {
  SettingsMap noPerson = kBase;
  noPerson.erase("column.person");
  EXPECT_EQ(createError(noPerson),
            "setting column.person: required (dataset field 'person' needs a column or a "
            "constant.person)");
  EXPECT_EQ(createError(with(kBase, {{"column.pupil", "Elev"}})),
            "setting column.pupil: 'pupil' is not a field of dataset absence_event");
  EXPECT_EQ(createError(with(kBase, {{"constant.person", "x"}})),
            "settings column.person and constant.person: give the field one of them");
  EXPECT_EQ(createError(with(kBase, {{"constant.unit", "hour"}})),
            "setting constant.unit: must be one of day|lesson");
  EXPECT_EQ(createError(with(kBase, {{"value.category.Syg", "ill"}})),
            "setting value.category.Syg: must be one of sick|authorised|unauthorised|unknown");
  EXPECT_EQ(createError(
                with(kBase, {{"value.category.Syg", "sick"}, {"value.category.SYG ", "unknown"}})),
            "setting value.category.Syg: conflicts with another value.category entry that "
            "differs only in case or spaces");
  EXPECT_EQ(createError(with(kBase, {{"header", "false"}})),
            "setting column.category: must be a column number (1, 2, ...) when header is false");
  EXPECT_EQ(createError(with(kBase, {{"date_format", "dd-mm"}})),
            "setting date_format: needs exactly one day (dd or d), month (mm or m) and year "
            "(yyyy or yy)");
  EXPECT_EQ(createError(with(kBase, {{"delimiter", "\""}})),
            "settings delimiter and quote: must differ");
  EXPECT_EQ(createError(with(kBase, {{"max_line_bytes", "10"}})),
            "setting max_line_bytes: must be from 64 to 67108864");
  // Issue 10, finding 3: skip_lines=2147483648 passed and made the file "processed" unread.
  EXPECT_EQ(createError(with(kBase, {{"skip_lines", "2147483648"}})),
            "setting skip_lines: must be from 0 to 1000000");
  EXPECT_EQ(createError(with(kBase, {{"skip_lines", "-1"}})),
            "setting skip_lines: must be from 0 to 1000000");
  EXPECT_EQ(createError(with(kBase, {{"max_line_bytes", "67108865"}})),
            "setting max_line_bytes: must be from 64 to 67108864");
  EXPECT_EQ(createError(with(kBase, {{"follow_symlinks", "yes"}})),
            "setting follow_symlinks: must be no or inside");
  EXPECT_EQ(createError(kBase), "");
}

// Every INT setting states its range for the host's check, and the plugin enforces the same.
TEST(FieldMapping, EveryIntSettingHasARangeThePluginEnforces) {
  for (const brobyg_setting_def& def : kSettings) {
    if (def.type != BROBYG_SETTING_INT) continue;
    ASSERT_NE(def.choices, nullptr) << def.key;
    const std::string range = def.choices;
    const size_t dots = range.find("..");
    ASSERT_NE(dots, std::string::npos) << def.key;
    const std::string low = range.substr(0, dots);
    const std::string high = range.substr(dots + 2);
    EXPECT_EQ(createError(with(kBase, {{def.key, low}})), "") << def.key;
    EXPECT_EQ(createError(with(kBase, {{def.key, high}})), "") << def.key;
    EXPECT_NE(createError(with(kBase, {{def.key, std::to_string(std::stoll(low) - 1)}})), "")
        << def.key;
    EXPECT_NE(createError(with(kBase, {{def.key, std::to_string(std::stoll(high) + 1)}})), "")
        << def.key;
  }
}

}  // namespace
}  // namespace brobyg::csv

namespace brobyg::csv {
namespace {

TEST(FieldMapping, OneColumnFeedsOneFieldOnly) {
  // A CPR column mapped to a second field would carry the number past the pseudonymiser.
  EXPECT_EQ(createError(with(kBase, {{"column.school", " cpr-NR "}})),
            "settings column.person and column.school name the same source column; map each "
            "column to one field");
}

}  // namespace
}  // namespace brobyg::csv

namespace brobyg::csv {
namespace {

TEST(FieldMapping, LeadingNumberKeepsTheGradeOfAClassName) {
  Mapper m(
      with(kBase,
           {{"column.grade", "Klasse"}, {"leading_number", "grade"}, {"value.grade.Bh.kl.", "0"}}));
  ASSERT_FALSE(m.mapping().bindHeader({"CPR-nr", "Dato", "Skole", "Type", "Klasse"}));
  const size_t grade = *test::absenceDataset().index("grade");
  for (const auto& [klasse, expected] : std::vector<std::pair<std::string, std::string>>{
           {"7.b", "7"}, {"10x", "10"}, {"0.a", "0"}, {"Bh.kl.", "0"}, {"5", "5"}}) {
    auto row = m.map({"0101121234", "01-02-2026", "101001", "sick", klasse});
    ASSERT_GT(row.size(), 1u) << klasse << ": " << row[0];
    EXPECT_EQ(row[grade], expected) << klasse;
  }
  EXPECT_EQ(m.map({"0101121234", "01-02-2026", "101001", "sick", "x7"})[0],
            "!column 'Klasse': does not start with a whole number");
  EXPECT_EQ(createError(with(kBase, {{"leading_number", "school"}})),
            "setting leading_number: 'school' is not a whole-number field");
}

}  // namespace
}  // namespace brobyg::csv
