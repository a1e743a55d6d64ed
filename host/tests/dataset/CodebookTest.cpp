// schemas/codebook.xml is valid against schemas/codebook.xsd and describes every dataset of
// this build: every output column (same order, type and description) and every code.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {
namespace {

const std::string kSchemas = std::string(BROBYG_SOURCE_DIR) + "/schemas/";

std::string typeName(ColumnType type) {
  switch (type) {
    case ColumnType::Pseudonym:
      return "pseudonym";
    case ColumnType::YearMonth:
      return "year_month";
    case ColumnType::Date:
      return "date";
    case ColumnType::Int:
      return "int";
    case ColumnType::Code:
      return "code";
    case ColumnType::Text:
      return "text";
  }
  return "?";
}

std::vector<std::string> codesOf(const OutputColumn& column) {
  std::vector<std::string> out;
  if (column.codes.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t bar = column.codes.find('|', start);
    out.push_back(column.codes.substr(start, bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

std::string text(pugi::xml_node node, const char* child, const char* lang) {
  return node.find_child_by_attribute(child, "lang", lang).text().get();
}

TEST(Codebook, ValidatesAgainstItsSchema) {
  std::string command = "xmllint --noout --nonet --schema '" + kSchemas + "codebook.xsd' '" +
                        kSchemas + "codebook.xml'";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

TEST(Codebook, CoversEveryColumnAndCodeOfEveryDataset) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((kSchemas + "codebook.xml").c_str()));
  pugi::xml_node codebook = doc.child("codebook");
  for (const DatasetSpec* spec : allDatasets()) {
    SCOPED_TRACE(spec->name());
    pugi::xml_node dataset =
        codebook.find_child_by_attribute("dataset", "name", spec->name().c_str());
    ASSERT_TRUE(dataset);
    EXPECT_EQ(dataset.attribute("version").as_uint(), spec->version());
    EXPECT_EQ(dataset.attribute("namespace").value(), spec->xmlNamespace());
    EXPECT_EQ(dataset.attribute("schema").value(), spec->schemaFile());

    std::vector<pugi::xml_node> columns;
    for (pugi::xml_node c : dataset.children("column")) columns.push_back(c);
    ASSERT_EQ(columns.size(), spec->outputs().size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const OutputColumn& column = spec->outputs()[i];
      SCOPED_TRACE(column.name);
      EXPECT_EQ(columns[i].attribute("name").value(), column.name);
      EXPECT_EQ(columns[i].attribute("type").value(), typeName(column.type));
      EXPECT_EQ(columns[i].attribute("required").as_bool(), column.required);
      EXPECT_EQ(text(columns[i], "description", "en"), column.description);
      EXPECT_FALSE(text(columns[i], "label", "da").empty());

      std::vector<std::string> codes;
      for (pugi::xml_node code : columns[i].children("code")) {
        codes.push_back(code.attribute("value").value());
        EXPECT_FALSE(text(code, "label", "da").empty()) << codes.back();
        EXPECT_FALSE(text(code, "description", "da").empty()) << codes.back();
      }
      EXPECT_EQ(codes, codesOf(column));
    }
  }
}

TEST(Codebook, AbsenceCategoriesCarryTheirDanishLabels) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((kSchemas + "codebook.xml").c_str()));
  pugi::xml_node category =
      doc.select_node("/codebook/dataset[@name='absence_event']/column[@name='category']").node();
  auto label = [&](const char* code) {
    return text(category.find_child_by_attribute("code", "value", code), "label", "da");
  };
  EXPECT_EQ(label("sick"), "Sygefravær");
  EXPECT_EQ(label("authorised"), "Fravær med tilladelse");
  EXPECT_EQ(label("unauthorised"), "Ulovligt fravær");
  EXPECT_EQ(label("unknown"), "Ukendt");
}

}  // namespace
}  // namespace brobyg::dataset
