#include "Page.h"
#include "RecordMapping.h"

#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

namespace brobyg::rest {
namespace {

TEST(Page, RecordsAtAPathAndTheNextLink) {
  const Page page = readPage(
      "{\"data\":{\"items\":[{\"a\":1},{\"a\":2}]},\"links\":{\"next\":"
      "\"/p/2\"}}",
      JsonPath("data.items"), JsonPath("links.next"));
  EXPECT_EQ(page.records->size(), 2u);
  ASSERT_TRUE(page.next);
  EXPECT_EQ(*page.next, "/p/2");
}

TEST(Page, TheBodyItselfMayBeTheArray) {
  const Page page = readPage("[{\"a\":1}]", JsonPath(""), std::nullopt);
  EXPECT_EQ(page.records->size(), 1u);
  EXPECT_FALSE(page.next);
}

TEST(Page, NullOrEmptyOrMissingNextLinkEndsThePaging) {
  for (const char* body : {"{\"d\":[],\"next\":null}", "{\"d\":[],\"next\":\"\"}", "{\"d\":[]}"})
    EXPECT_FALSE(readPage(body, JsonPath("d"), JsonPath("next")).next) << body;
}

TEST(Page, ErrorsNameThePathNotTheBody) {
  try {
    readPage("{\"data\":{\"cpr\":\"0101121234\"}}", JsonPath("data"), std::nullopt);
    FAIL();
  } catch (const PageError& e) {
    EXPECT_STREQ(e.what(), "no array of records at 'data' (setting records)");
  }
  EXPECT_THROW(readPage("{\"d\":[],\"next\":5}", JsonPath("d"), JsonPath("next")), PageError);
  try {
    readPage("{\"data\":[{\"cpr\":\"0101121234\"}", JsonPath("data"), std::nullopt);
    FAIL();
  } catch (const PageError& e) {
    EXPECT_EQ(std::string(e.what()).find("0101"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 1, column 30"), std::string::npos) << e.what();
  }
}

TEST(JsonPathTest, IndexesArraysAndRefusesEmptySegments) {
  const Page page = readPage("[{\"ids\":[\"x\",\"y\"]}]", JsonPath(""), std::nullopt);
  const Poco::Dynamic::Var record = page.records->get(0);
  EXPECT_EQ(*scalarText(JsonPath("ids.1").find(record)), "y");
  EXPECT_EQ(*scalarText(JsonPath("ids.2").find(record)), "");
  EXPECT_EQ(*scalarText(JsonPath("ids.x").find(record)), "");
  EXPECT_FALSE(scalarText(JsonPath("ids").find(record)));
  EXPECT_THROW(JsonPath("a..b"), std::invalid_argument);
  EXPECT_THROW(JsonPath(".a"), std::invalid_argument);
  EXPECT_THROW(JsonPath("a."), std::invalid_argument);
}

TEST(ScalarText, NumbersBooleansAndNull) {
  const Page page = readPage("[7, -12, true, false, null, \"t\"]", JsonPath(""), std::nullopt);
  const std::vector<std::string> expected = {"7", "-12", "true", "false", "", "t"};
  for (unsigned i = 0; i < expected.size(); ++i)
    EXPECT_EQ(*scalarText(page.records->get(i)), expected[i]) << i;
}

sdk::Settings settingsOf(const std::map<std::string, std::string>& values) {
  std::vector<brobyg_setting> list;
  for (const auto& [key, value] : values) list.push_back({key.c_str(), value.c_str()});
  return sdk::Settings(list.data(), list.size());
}

TEST(RecordMappingTest, MapsPathsConstantsValuesAndDates) {
  RecordMapping mapping(settingsOf({{"field.person", "child.cpr"},
                                    {"constant.municipality", "0101"},
                                    {"field.legal_basis", "basis"},
                                    {"field.placement_type", "type"},
                                    {"field.start", "from"},
                                    {"field.end", "to"},
                                    {"value.placement_type.plejefamilie", "21"},
                                    {"date_format", "dd-mm-yyyy"}}),
                        sdk::Dataset(brobyg::testing::datasets::caseMeasure()));
  const Page page = readPage(
      "[{\"child\":{\"cpr\":\" 0101121234 \"},\"basis\":\"SEL § 52, stk. 3, nr. 7\","
      "\"type\":\"PLEJEFAMILIE\",\"from\":\"01-02-2024T08:00\",\"to\":null},"
      "{\"child\":{\"cpr\":\"0202121234\"},\"basis\":\"BL § 46\",\"from\":\"2024-02-01\"}]",
      JsonPath(""), std::nullopt);
  std::vector<brobyg_str> values;
  std::string reason;
  ASSERT_TRUE(mapping.map(page.records->get(0), values, reason)) << reason;
  std::vector<std::string> texts;
  for (const brobyg_str& v : values) texts.emplace_back(v.data, v.size);
  EXPECT_EQ(texts, (std::vector<std::string>{"0101121234", "0101", "SEL § 52, stk. 3, nr. 7", "21",
                                             "2024-02-01", ""}));
  EXPECT_FALSE(mapping.map(page.records->get(1), values, reason));
  EXPECT_EQ(reason, "field start (path 'from'): date does not match dd-mm-yyyy");
}

TEST(RecordMappingTest, SettingErrorsNameTheSetting) {
  const sdk::Dataset dataset(brobyg::testing::datasets::caseMeasure());
  try {
    RecordMapping(settingsOf({{"field.person", "a..b"},
                              {"field.municipality", "m"},
                              {"field.legal_basis", "b"},
                              {"field.start", "s"}}),
                  dataset);
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find("field.person"), std::string::npos) << e.what();
  }
  try {
    RecordMapping(settingsOf({{"field.person", "cpr"}, {"field.nonsense", "x"}}), dataset);
    FAIL();
  } catch (const sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find("field.nonsense"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace brobyg::rest
