// schemas/codebook.xml is valid against schemas/codebook.xsd and describes every dataset of
// this build: every output column (same order, type and description) and every code.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "dataset/CodeLists.h"
#include "dataset/DatasetSpec.h"
#include "util/AtomicFile.h"

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

std::string text(pugi::xml_node node, const char* child, const char* lang) {
  return node.find_child_by_attribute(child, "lang", lang).text().get();
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
TEST(Codebook, ValidatesAgainstItsSchema) {
  std::string command = "xmllint --noout --nonet --schema '" + kSchemas + "codebook.xsd' '" +
                        kSchemas + "codebook.xml'";
  EXPECT_EQ(std::system(command.c_str()), 0);
}
#endif

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

      EXPECT_EQ(columns[i].attribute("codelist").value(), column.codeList);
      if (column.type == ColumnType::Code) {
        EXPECT_EQ(codeList(column.codeList).joined(), column.codes);
      }
    }
  }
}

TEST(Codebook, AbsenceCategoriesCarryTheirDanishLabels) {
  const CodeList& categories = codeList("absence_category");
  auto label = [&](const char* code) { return categories.find(code)->da; };
  EXPECT_EQ(label("sick"), "Sygefravær");
  EXPECT_EQ(label("authorised"), "Fravær med tilladelse (ekstraordinær frihed)");
  EXPECT_EQ(label("unauthorised"), "Ulovligt fravær");
  EXPECT_EQ(label("unknown"), "Ukendt");
}

TEST(Codebook, EveryCodeHasDanishAndEnglishLabels) {
  for (const CodeList& list : allCodeLists()) {
    EXPECT_FALSE(list.codes.empty()) << list.name;
    for (const Code& code : list.codes) {
      EXPECT_FALSE(code.da.empty()) << list.name << " " << code.value;
      EXPECT_FALSE(code.en.empty()) << list.name << " " << code.value;
    }
  }
}

// The embedded copy is the file in schemas/ (the build re-embeds it when it changes).
TEST(Codebook, EmbeddedFilesAreTheSchemasFiles) {
  EXPECT_EQ(embeddedCodeListsXml(), readFile(kSchemas + "codelists.xml"));
  EXPECT_EQ(embeddedCodebookXml(), readFile(kSchemas + "codebook.xml"));
}

}  // namespace
}  // namespace brobyg::dataset
