// The XSD in schemas/ and DatasetSpec describe the same columns: this test keeps them from
// drifting apart (names, order, optionality, descriptions, code lists, base types).
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <map>
#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "dataset/XmlDatasetWriter.h"

namespace brobyg::dataset {
namespace {

std::vector<std::string> splitCodes(const std::string& codes) {
  std::vector<std::string> out;
  if (codes.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t bar = codes.find('|', start);
    out.push_back(codes.substr(start, bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

// The XSD base type each column type must restrict.
std::string expectedBase(ColumnType type) {
  switch (type) {
    case ColumnType::Date:
      return "xs:date";
    case ColumnType::Int:
      return "xs:nonNegativeInteger|xs:positiveInteger";
    case ColumnType::Text:
      return "xs:string|xs:token";
    default:
      return "xs:string";
  }
}

class SchemaTest : public ::testing::TestWithParam<const DatasetSpec*> {};

TEST_P(SchemaTest, EventChildrenAreTheOutputColumnsInOrder) {
  const DatasetSpec& spec = *GetParam();
  pugi::xml_document doc;
  std::string file = std::string(BROBYG_SOURCE_DIR) + "/schemas/" + spec.schemaFile();
  ASSERT_TRUE(doc.load_file(file.c_str())) << file;
  pugi::xml_node schema = doc.child("xs:schema");
  EXPECT_STREQ(schema.attribute("targetNamespace").value(), spec.xmlNamespace().c_str());
  EXPECT_EQ(schema.attribute("version").as_uint(), spec.version());

  pugi::xml_node root =
      schema.find_child_by_attribute("xs:element", "name", spec.xmlRoot().c_str());
  ASSERT_TRUE(root) << "no root element " << spec.xmlRoot();
  EXPECT_STREQ(
      root.select_node(".//xs:attribute[@name='schema_version']").node().attribute("fixed").value(),
      std::to_string(spec.version()).c_str());
  pugi::xml_node event =
      root.select_node((".//xs:element[@name='" + spec.xmlRecord() + "']").c_str()).node();
  ASSERT_TRUE(event);
  pugi::xml_node sequence = event.child("xs:complexType").child("xs:sequence");
  ASSERT_TRUE(sequence);

  std::vector<pugi::xml_node> elements;
  for (pugi::xml_node e : sequence.children("xs:element")) elements.push_back(e);
  const auto& columns = spec.outputs();
  ASSERT_EQ(elements.size(), columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const OutputColumn& column = columns[i];
    pugi::xml_node e = elements[i];
    SCOPED_TRACE(column.name);
    EXPECT_EQ(e.attribute("name").value(), column.name);
    EXPECT_EQ(std::string(e.attribute("minOccurs").as_string("1")), column.required ? "1" : "0");
    EXPECT_EQ(e.child("xs:annotation").child("xs:documentation").text().get(), column.description);

    pugi::xml_node restriction = e.child("xs:simpleType").child("xs:restriction");
    ASSERT_TRUE(restriction) << "each column has its own restricted simple type";
    std::string base = restriction.attribute("base").value();
    std::string allowed = "|" + expectedBase(column.type) + "|";
    EXPECT_NE(allowed.find("|" + base + "|"), std::string::npos) << base;

    std::vector<std::string> enumeration;
    for (pugi::xml_node v : restriction.children("xs:enumeration"))
      enumeration.push_back(v.attribute("value").value());
    EXPECT_EQ(enumeration, splitCodes(column.codes));
    if (column.type == ColumnType::Code) {
      EXPECT_FALSE(enumeration.empty());
    }
    if (column.type == ColumnType::Pseudonym) {
      EXPECT_STREQ(restriction.child("xs:pattern").attribute("value").value(), "[a-z2-7]{26}");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllDatasets, SchemaTest, ::testing::ValuesIn(allDatasets()),
                         [](const ::testing::TestParamInfo<const DatasetSpec*>& param) {
                           return param.param->name();
                         });

}  // namespace
}  // namespace brobyg::dataset
