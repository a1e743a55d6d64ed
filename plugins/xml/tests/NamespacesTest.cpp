// Names are matched by namespace URI, whatever prefixes the document uses.
#include "Namespaces.h"

#include <gtest/gtest.h>

namespace brobyg::xml {
namespace {

std::vector<std::string> select(const std::string& xml, const char* xpath) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str()));
  std::unordered_map<const void*, std::ptrdiff_t> offsets;
  bindNamespaces(doc, {{"v", "urn:v"}, {"w", "urn:w"}}, offsets);
  std::vector<std::string> texts;
  for (const auto& node : doc.select_nodes(xpath))
    texts.push_back(node.attribute() ? node.attribute().value() : node.node().text().get());
  return texts;
}

using Texts = std::vector<std::string>;

TEST(Namespaces, PrefixDefaultAndConfiguredPrefixAllMatchByUri) {
  const std::string xml =
      "<a:r xmlns:a='urn:v'><a:x>1</a:x><x xmlns='urn:v'>2</x><v:x xmlns:v='urn:v'>3</v:x>"
      "<x>none</x><b:x xmlns:b='urn:other'>other</b:x></a:r>";
  EXPECT_EQ(select(xml, "/v:r/v:x"), (Texts{"1", "2", "3"}));
  EXPECT_EQ(select(xml, "/v:r/x"), (Texts{"none"}));  // unprefixed: no namespace only
  EXPECT_EQ(select(xml, "/v:r/*[local-name()='x']").size(), 5u);
}

TEST(Namespaces, ScopesEndWithTheirElement) {
  const std::string xml =
      "<r><p:x xmlns:p='urn:v'>1<p:y>2</p:y></p:x><p:x xmlns:p='urn:w'>3</p:x>"
      "<d xmlns='urn:w'><e>4</e><e xmlns=''>5</e></d><e>6</e></r>";
  EXPECT_EQ(select(xml, "/r/v:x"), (Texts{"1"}));
  EXPECT_EQ(select(xml, "//v:y"), (Texts{"2"}));
  EXPECT_EQ(select(xml, "/r/w:x"), (Texts{"3"}));
  EXPECT_EQ(select(xml, "//w:e"), (Texts{"4"}));
  EXPECT_EQ(select(xml, "//e"), (Texts{"5", "6"}));
}

TEST(Namespaces, AttributesAndUndeclaredPrefixes) {
  const std::string xml =
      "<r xmlns='urn:v' xmlns:q='urn:w' id='plain' q:id='qualified' xml:lang='da'>"
      "<u:x>undeclared</u:x></r>";
  EXPECT_EQ(select(xml, "/v:r/@id"), (Texts{"plain"}));  // unprefixed: no namespace
  EXPECT_EQ(select(xml, "/v:r/@w:id"), (Texts{"qualified"}));
  EXPECT_EQ(select(xml, "/v:r/@xml:lang"), (Texts{"da"}));
  EXPECT_TRUE(select(xml, "//u:x").empty());  // an undeclared prefix never matches
}

TEST(Namespaces, RenamedElementsKeepTheirOffsets) {
  pugi::xml_document doc;
  const std::string xml = "<a:r xmlns:a='urn:v'>\n<a:x/></a:r>";
  ASSERT_TRUE(doc.load_buffer(xml.data(), xml.size()));
  std::unordered_map<const void*, std::ptrdiff_t> offsets;
  const std::ptrdiff_t before = doc.child("a:r").child("a:x").offset_debug();
  bindNamespaces(doc, {{"v", "urn:v"}}, offsets);
  const pugi::xml_node x = doc.child("v:r").child("v:x");
  ASSERT_TRUE(x);
  EXPECT_EQ(offsets.at(x.internal_object()), before);
}

TEST(Namespaces, DeepDocumentsNeedNoRecursion) {
  std::string xml;
  for (int i = 0; i < 200000; ++i) xml += "<a xmlns='urn:v'>";
  for (int i = 0; i < 200000; ++i) xml += "</a>";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  std::unordered_map<const void*, std::ptrdiff_t> offsets;
  bindNamespaces(doc, {{"v", "urn:v"}}, offsets);
  EXPECT_EQ(offsets.size(), 200000u);
  EXPECT_STREQ(doc.first_child().name(), "v:a");
}

}  // namespace
}  // namespace brobyg::xml
