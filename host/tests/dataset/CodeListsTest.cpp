// schemas/codelists.xml holds DESIGN §5's lists and crosswalk; the datasets take their codes
// from it (SchemaTest checks the XSD enumerations against the same lists).
#include <gtest/gtest.h>

#include "dataset/CodeLists.h"
#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {
namespace {

TEST(CodeLists, AbsenceCategoriesOfTheAbsenceOrder) {
  EXPECT_EQ(codeList("absence_category").joined(), "sick|authorised|unauthorised|unknown");
  EXPECT_EQ(codeList("absence_unit").joined(), "day|lesson");
  EXPECT_EQ(codeList("sex").joined(), "female|male");
}

TEST(CodeLists, PlacementTypesCarryDanmarksStatistiksCodes) {
  const CodeList& list = codeList("placement_type");
  auto official = [&](const char* code) { return list.find(code)->official; };
  EXPECT_EQ(official("network_foster_family"), std::vector<std::string>{"1"});
  EXPECT_EQ(official("foster_family"), (std::vector<std::string>{"21", "22", "23", "24", "25"}));
  EXPECT_EQ(official("residential_home"), (std::vector<std::string>{"7", "8", "9", "27"}));
  EXPECT_EQ(official("boarding_school"), std::vector<std::string>{"11"});
  EXPECT_EQ(official("own_room"), std::vector<std::string>{"6"});
  EXPECT_EQ(official("unknown"), std::vector<std::string>{"99"});
}

TEST(CodeLists, CrosswalkIsDesignsTable) {
  const auto& rows = crosswalk();
  ASSERT_EQ(rows.size(), 7u);
  auto text = [](const Provision& p) {
    std::string out = p.law + " " + std::to_string(p.paragraph);
    if (p.stk) out += " stk " + std::to_string(p.stk);
    for (int n : p.numbers) out += " nr " + std::to_string(n);
    for (int n : p.except) out += " not " + std::to_string(n);
    return out;
  };
  std::vector<std::string> got;
  for (const CrosswalkRow& r : rows)
    got.push_back(r.kind + ": " + text(r.provisions.at(0)) + " = " + text(r.provisions.at(1)));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "investigation: BL 20 = SEL 50",
                     "early_preventive: BL 30 stk 1 = SEL 11 stk 3",
                     "support: BL 32 stk 1 nr 1 nr 2 nr 3 nr 4 nr 5 nr 6 nr 7 nr 8 = SEL 52 stk 3 "
                     "not 7",
                     "respite_in_placement: BL 45 stk 3 = SEL 55 stk 2",
                     "placement_consent: BL 46 = SEL 52 stk 3 nr 7",
                     "placement_no_consent: BL 47 = SEL 58",
                     "notification: BL 133 = SEL 153",
                 }));
  // Every kind is a code: a case_kind, or the case_event kind of the duty to notify.
  for (const CrosswalkRow& r : rows)
    EXPECT_TRUE(codeList("case_kind").find(r.kind) || codeList("case_event_kind").find(r.kind))
        << r.kind;
}

TEST(CodeLists, DatasetsTakeTheirCodesFromTheLists) {
  for (const DatasetSpec* spec : allDatasets()) {
    for (const InputField& f : spec->inputs())
      if (f.kind == FieldKind::Code) {
        EXPECT_EQ(f.codes, codeList(f.codeList).joined()) << f.name;
      }
    for (const OutputColumn& c : spec->outputs())
      if (c.type == ColumnType::Code) {
        EXPECT_EQ(c.codes, codeList(c.codeList).joined()) << c.name;
      }
  }
}

TEST(CodeLists, AnUnknownListIsAnError) {
  EXPECT_THROW(codeList("no_such_list"), std::exception);
}

}  // namespace
}  // namespace brobyg::dataset
