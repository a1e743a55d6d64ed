// The shared value rules with a non-csv source key ("path", as the xml plugin uses them);
// csv's FieldMappingTest covers them through the csv columns.
#include "common/FieldRules.h"

#include <testing/PluginHarness.hpp>

#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

namespace brobyg::files {
namespace {

struct Built {
  explicit Built(const testing::SettingsMap& values)
      : args(values, brobyg::testing::datasets::caseMeasure()), context(args.abi()) {}
  FieldRules rules() const {
    return FieldRules(context.settings(), context.dataset(), "path", "path");
  }
  testing::CreateArgs args;
  sdk::Context context;
};

const testing::SettingsMap kMeasure = {{"path.person", "child/cpr"},
                                       {"constant.municipality", "0101"},
                                       {"path.legal_basis", "basis"},
                                       {"path.start", "@from"},
                                       {"path.end", "@to"},
                                       {"date_format", "dd.mm.yyyy"},
                                       {"value.legal_basis.X", "SEL § 50"}};

std::string errorOf(const testing::SettingsMap& values) {
  try {
    Built(values).rules();
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "";
}

TEST(FieldRules, ConvertsSourceTextAndGivesConstants) {
  Built built(kMeasure);
  FieldRules rules = built.rules();
  const size_t start = *built.context.dataset().index("start");
  const size_t basis = *built.context.dataset().index("legal_basis");
  const size_t municipality = *built.context.dataset().index("municipality");
  EXPECT_TRUE(rules.fromSource(start));
  EXPECT_EQ(rules.place(start), "@from");
  EXPECT_FALSE(rules.fromSource(municipality));
  EXPECT_EQ(std::string(rules.fixed(municipality).data, rules.fixed(municipality).size), "0101");

  rules.setLabel(start, "field 'start'");
  brobyg_str out{};
  std::string reason;
  ASSERT_TRUE(rules.convert(start, "01.02.2024", out, reason)) << reason;
  EXPECT_EQ(std::string(out.data, out.size), "2024-02-01");
  EXPECT_FALSE(rules.convert(start, "31.02.2024", out, reason));
  EXPECT_EQ(reason, "field 'start': date does not match dd.mm.yyyy");
  EXPECT_FALSE(rules.convert(start, "", out, reason));
  EXPECT_EQ(reason, "field 'start': required value is empty");

  ASSERT_TRUE(rules.convert(basis, " x ", out, reason));
  EXPECT_EQ(std::string(out.data, out.size), "SEL § 50");
  ASSERT_TRUE(rules.convert(basis, "BL § 46", out, reason));  // text passes unmapped
  EXPECT_EQ(std::string(out.data, out.size), "BL § 46");
}

TEST(FieldRules, RefusesBadSettingsNamingThem) {
  testing::SettingsMap missing = kMeasure;
  missing.erase("path.start");
  EXPECT_EQ(errorOf(missing),
            "setting path.start: required (dataset field 'start' needs a path or a "
            "constant.start)");
  testing::SettingsMap twice = kMeasure;
  twice["path.legal_basis"] = "child/cpr";
  EXPECT_EQ(errorOf(twice),
            "settings path.person and path.legal_basis name the same source path; map each "
            "path to one field");
  testing::SettingsMap both = kMeasure;
  both["constant.start"] = "2024-01-01";
  EXPECT_EQ(errorOf(both), "settings path.start and constant.start: give the field one of them");
  testing::SettingsMap unknown = kMeasure;
  unknown["path.grade"] = "g";
  EXPECT_EQ(errorOf(unknown), "setting path.grade: 'grade' is not a field of dataset case_measure");
  testing::SettingsMap badFormat = kMeasure;
  badFormat["date_format"] = "dd.mm";
  EXPECT_EQ(errorOf(badFormat).rfind("setting date_format: ", 0), 0u);
}

}  // namespace
}  // namespace brobyg::files
