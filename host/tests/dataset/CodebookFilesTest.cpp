// The codebook a package carries: XML valid against codebook.xsd, HTML that parses, CSV that
// reads back with every code of every list and every crosswalk row.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "TempDir.h"
#include "dataset/CodeLists.h"
#include "dataset/Codebook.h"
#include "util/AtomicFile.h"

namespace brobyg::dataset {
namespace {

const std::string kSchemas = std::string(BROBYG_SOURCE_DIR) + "/schemas/";

// A small RFC 4180 reader (quotes, doubled quotes, CRLF) for reading the codebook back.
std::vector<std::vector<std::string>> readCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string fileOf(const std::vector<CodebookFile>& files, const std::string& name) {
  for (const CodebookFile& f : files)
    if (f.entryName == name) return f.content;
  ADD_FAILURE() << "no " << name;
  return {};
}

class CodebookFiles : public ::testing::Test {
 protected:
  std::vector<CodebookFile> files = makeCodebook({&absenceEvent(), &caseMeasure()});
  test::TempDir dir;

  int xmllint(const std::string& name, const std::string& options) {
    writeFileAtomically(dir.file(name), fileOf(files, name));
    std::string command = "xmllint --noout --nonet " + options + " '" + dir.file(name) + "'";
    return std::system(command.c_str());
  }
};

TEST_F(CodebookFiles, ThreeFormats) {
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].entryName, "codebook.xml");
  EXPECT_EQ(files[1].entryName, "codebook.csv");
  EXPECT_EQ(files[2].entryName, "codebook.html");
}

TEST_F(CodebookFiles, XmlValidatesAgainstTheCodebookSchema) {
  // xmllint is a Linux program here.
#ifndef _WIN32
  EXPECT_EQ(xmllint("codebook.xml", "--schema '" + kSchemas + "codebook.xsd'"), 0);
#endif
  const std::string xml = fileOf(files, "codebook.xml");
  EXPECT_NE(xml.find("name=\"absence_event\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"case_measure\""), std::string::npos);
  EXPECT_EQ(xml.find("name=\"case_event\""), std::string::npos) << "only the package's datasets";
}

TEST_F(CodebookFiles, HtmlParses) {
  // --html reports a parse error (unclosed or unknown element) with a non-zero status.
  // xmllint is a Linux program here.
#ifndef _WIN32
  EXPECT_EQ(xmllint("codebook.html", "--html"), 0);
#endif
  EXPECT_NE(fileOf(files, "codebook.html").find("Sygefravær"), std::string::npos);
}

TEST_F(CodebookFiles, CsvReadsBackWithEveryCodeOfEveryList) {
  auto rows = readCsv(fileOf(files, "codebook.csv"));
  ASSERT_FALSE(rows.empty());
  const std::size_t width = rows[0].size();
  std::set<std::string> codes, kinds;
  std::set<std::string> columns;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), width);
    if (row[0] == "code")
      codes.insert(row[5] + "/" + row[6] + "/" + row[7] + "/" + row[8] + "/" + row[9]);
    if (row[0] == "crosswalk") kinds.insert(row[6]);
    if (row[0] == "column") columns.insert(row[1] + "." + row[2]);
  }
  std::size_t expected = 0;
  for (const CodeList& list : allCodeLists()) {
    for (const Code& code : list.codes) {
      std::string official;
      for (const std::string& o : code.official) official += (official.empty() ? "" : " ") + o;
      EXPECT_TRUE(codes.count(list.name + "/" + code.value + "/" + official + "/" + code.da + "/" +
                              code.en))
          << list.name << " " << code.value;
      ++expected;
    }
  }
  EXPECT_EQ(codes.size(), expected);
  for (const CrosswalkRow& row : crosswalk()) EXPECT_TRUE(kinds.count(row.kind)) << row.kind;
  EXPECT_TRUE(columns.count("case_measure.legal_basis"));
  EXPECT_EQ(columns.size(), absenceEvent().outputs().size() + caseMeasure().outputs().size());
}

TEST(CodebookFilesDeclared, ADatasetWithoutACodebookEntryIsDescribedFromItsSpec) {
  DatasetDeclaration d;
  d.name = "not_in_the_codebook";
  d.inputs = {{"value", FieldKind::Text, true, "", 0, 0, false, "a value", "", ""}};
  d.outputs = {{"value", ColumnType::Text, true, Origin::Input, "value", "", "a value", ""}};
  DatasetSpec spec(std::move(d));
  std::vector<CodebookFile> files = makeCodebook({&spec});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_NE(files[0].content.find("name=\"not_in_the_codebook\""), std::string::npos);
  EXPECT_NE(files[1].content.find("column,not_in_the_codebook,value,text,true"), std::string::npos);
  EXPECT_THROW(makeCodebookFor({"no_such_dataset"}), std::exception);
}

}  // namespace
}  // namespace brobyg::dataset
