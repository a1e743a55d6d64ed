// Configured XPaths: undeclared prefixes and syntax errors are refused at create.
#include "XPath.h"

#include <brobyg_plugin.hpp>

#include <gtest/gtest.h>

namespace brobyg::xml {
namespace {

const std::map<std::string, std::string> kV = {{"v", "urn:v"}};

TEST(XPath, FindsUndeclaredPrefixesOutsideLiterals) {
  EXPECT_EQ(undeclaredPrefix("/v:a/v:b[@v:c='x:y']/@d", kV), "");
  EXPECT_EQ(undeclaredPrefix("child::v:a/descendant-or-self::node()/v:*", kV), "");
  EXPECT_EQ(undeclaredPrefix("concat(v:a, \"w:b\", 'u:c')", kV), "");
  EXPECT_EQ(undeclaredPrefix("/v:a/w:b", kV), "w");
  EXPECT_EQ(undeclaredPrefix("/v:a/@xml:lang", kV), "");
  EXPECT_EQ(undeclaredPrefix("../x-y.z:a", kV), "x-y.z");
  EXPECT_EQ(undeclaredPrefix("count(//q:*) > 1", kV), "q");
}

TEST(XPath, RecognisesAbsoluteLocationPathsOnly) {
  EXPECT_TRUE(isAbsoluteLocationPath("/v:eksport/v:kommune/@kode"));
  EXPECT_TRUE(isAbsoluteLocationPath("//v:kommune[@type = 'a]b' and ../x]/@kode"));
  EXPECT_TRUE(isAbsoluteLocationPath("/v:a/../v:b/*"));
  EXPECT_FALSE(isAbsoluteLocationPath("v:hjemmel"));           // relative to the record
  EXPECT_FALSE(isAbsoluteLocationPath("../../v:barn/v:cpr"));  // relative
  EXPECT_FALSE(isAbsoluteLocationPath("/v:a | v:b"));          // a union with a relative
  EXPECT_FALSE(isAbsoluteLocationPath("/v:a = v:b"));          // an operator
  EXPECT_FALSE(isAbsoluteLocationPath("/v:a/text()"));         // a function: not known
  EXPECT_FALSE(isAbsoluteLocationPath("/v:a[1"));              // unbalanced
  EXPECT_FALSE(isAbsoluteLocationPath("/v:a[@x='1]"));         // unterminated literal
}

TEST(XPath, CompileNamesTheSettingAndWhere) {
  EXPECT_EQ(compileXPath("/v:a", "record", kV).return_type(), pugi::xpath_type_node_set);
  try {
    compileXPath("/v:a[", "path.start", kV);
    ADD_FAILURE() << "compiled";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("setting path.start: not an XPath 1.0 expression (", 0),
              0u)
        << e.what();
  }
  EXPECT_THROW(compileXPath("", "record", kV), sdk::Error);
  EXPECT_THROW(compileXPath("/w:a", "record", kV), sdk::Error);
}

}  // namespace
}  // namespace brobyg::xml
