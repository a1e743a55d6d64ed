// Reading, refusing and parsing one document.
#include "XmlDocument.h"

#include <brobyg_plugin.hpp>

#include <gtest/gtest.h>

#include <cstring>

namespace brobyg::xml {
namespace {

class StringSource : public files::ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  size_t read(char* buffer, size_t capacity) override {
    const size_t n = std::min({capacity, size_t{1000}, data_.size() - pos_});
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

std::string errorOf(const std::string& bytes) {
  XmlDocument document;
  document.bytes = bytes;
  try {
    parseDocument(document, "x.xml", {});
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "";
}

TEST(XmlDocument, FindsADoctypeOnlyInTheProlog) {
  EXPECT_TRUE(hasDoctype("<!DOCTYPE r><r/>"));
  EXPECT_TRUE(
      hasDoctype("\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- <r> -->\n<?pi x?>\n<!doctype r>"));
  EXPECT_FALSE(hasDoctype("<?xml version='1.0'?><r><![CDATA[<!DOCTYPE]]></r>"));
  EXPECT_FALSE(hasDoctype("<!-- <!DOCTYPE r> --><r/>"));
  EXPECT_FALSE(hasDoctype("<?xml version='1.0'?>"));
  EXPECT_FALSE(hasDoctype("<!-- never closed"));
}

TEST(XmlDocument, RefusesADoctypeTheByteCheckCannotSee) {
  // UTF-16: pugixml converts it; the declaration is caught on the tree.
  const std::string text = "<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>";
  std::string utf16 = "\xFF\xFE";
  for (char c : text) utf16 += std::string{c, '\0'};
  EXPECT_NE(errorOf(utf16).find("has a document type declaration"), std::string::npos);
}

TEST(XmlDocument, MalformedNamesByteAndLine) {
  EXPECT_EQ(errorOf("<r>\n<a>\n</r>"),
            "file 'x.xml' is not well-formed XML: Start-end tags mismatch at byte 10 (line 3); it "
            "is read again once it is fixed");
  EXPECT_NE(errorOf("").find("file 'x.xml' is not well-formed XML: No document element found"),
            std::string::npos);
  // A declaration inside an element is malformed, not a way past the prolog check.
  EXPECT_NE(errorOf("<r><!DOCTYPE r></r>").find("not well-formed"), std::string::npos);
}

TEST(XmlDocument, ReadBoundedStopsJustPastTheLimit) {
  StringSource small(std::string(5000, 'x'));
  EXPECT_EQ(readBounded(small, "a.xml", 5000).size(), 5000u);
  StringSource large(std::string(5001, 'x'));
  try {
    readBounded(large, "a.xml", 5000);
    ADD_FAILURE() << "read past the limit";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("file 'a.xml' is larger than max_file_bytes (5000 bytes)", 0),
        0u);
  }
}

TEST(XmlDocument, LineAt) {
  EXPECT_EQ(lineAt("a\nb\nc", 0), 1u);
  EXPECT_EQ(lineAt("a\nb\nc", 2), 2u);
  EXPECT_EQ(lineAt("a\nb\nc", 4), 3u);
  EXPECT_EQ(lineAt("a\nb\nc", 99), 3u);
}

}  // namespace
}  // namespace brobyg::xml
