#include "JsonSyntax.h"

#include <gtest/gtest.h>

namespace brobyg::rest {
namespace {

TEST(JsonSyntax, AcceptsWellFormedTexts) {
  for (const char* text : {"{}", "[]", " [1, -2.5e+3, 0, true, false, null, \"a\\u00e6\\n\"] ",
                           "{\"a\":{\"b\":[{}, []]},\"c\":\"ÆØÅ\"}", "[\"\\ud83d\\ude00\"]",
                           "[18446744073709551615, -9223372036854775808, 1e308, 5E-324]"})
    EXPECT_FALSE(checkJsonSyntax(text)) << text;
}

TEST(JsonSyntax, NamesLineAndColumnOfTheFirstProblem) {
  const auto error = checkJsonSyntax("{\"a\": [1,\n  2,,3]}");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 2u);
  EXPECT_EQ(error->column, 5u);
  EXPECT_EQ(error->problem, "not a JSON value");
}

TEST(JsonSyntax, RefusesWhatRfc8259Refuses) {
  for (const char* text : {"",          "{",
                           "[1,]",      "{\"a\"}",
                           "{a:1}",     "[01]",
                           "[1.]",      "[.5]",
                           "[1e]",      "'x'",
                           "[tru]",     "{\"a\":1,}",
                           "[1] [2]",   "[\"tab\there\"]",
                           "[\"\\x\"]", "[\"\\u12\"]",
                           "[\"open]",  "NaN",
                           "[-]",       "{\"a\" 1}"})
    EXPECT_TRUE(checkJsonSyntax(text)) << text;
}

// Found by fuzz/rest_page: texts RFC 8259 allows that Poco 1.11 refuses, so that the check
// and the parser agree (and a refusal names its place).
TEST(JsonSyntax, RefusesWhatPocoCannotHold) {
  for (const char* text :
       {"7", "\"x\"", "true", "null", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]",
        "[1e400]", "[18446744073709551616]", "[-9223372036854775809]"})
    EXPECT_TRUE(checkJsonSyntax(text)) << text;
}

TEST(JsonSyntax, RefusesInvalidUtf8InStrings) {
  EXPECT_TRUE(checkJsonSyntax("[\"\xC3\x28\"]"));
  EXPECT_TRUE(checkJsonSyntax("[\"\xED\xA0\x80\"]"));  // a surrogate
}

TEST(JsonSyntax, RefusesNestingDeeperThanTheLimitWithoutRecursing) {
  std::string deep(kMaxJsonDepth, '[');
  deep += std::string(kMaxJsonDepth, ']');
  EXPECT_FALSE(checkJsonSyntax(deep));
  const std::string tooDeep =
      std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  const auto error = checkJsonSyntax(tooDeep);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->problem, "nested deeper than 64 levels");
  EXPECT_TRUE(checkJsonSyntax(std::string(1000000, '[')));  // no stack overflow
}

TEST(JsonSyntax, ProblemNeverQuotesTheText) {
  const auto error = checkJsonSyntax("{\"cpr\": 0101121234}");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->problem.find("0101"), std::string::npos);
}

}  // namespace
}  // namespace brobyg::rest
