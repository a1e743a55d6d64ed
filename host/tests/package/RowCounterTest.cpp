#include <gtest/gtest.h>

#include "TestSupport.h"
#include "package/RowCounter.h"
#include "util/Error.h"

namespace brobyg::package {
namespace {

std::uint64_t csvRows(const std::string& text) {
  test::TempDir dir;
  test::writeText(dir.file("x.csv"), text);
  return countCsvRows(dir.file("x.csv"));
}

TEST(RowCounter, CsvRecordsAfterTheHeader) {
  EXPECT_EQ(csvRows(""), 0u);
  EXPECT_EQ(csvRows("a,b\n"), 0u);
  EXPECT_EQ(csvRows("a,b\r\n1,2\r\n3,4\r\n"), 2u);
  EXPECT_EQ(csvRows("a,b\n1,2\n3,4"), 2u);  // no final line break
  EXPECT_EQ(csvRows("a,b\n1,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n"), 2u);
  EXPECT_EQ(csvRows("a,b\n1,2\n\n"), 1u);
  EXPECT_THROW(csvRows("a,b\n1,\"open\n"), Error);
}

TEST(RowCounter, XmlRecordsAreTheRootsChildren) {
  test::TempDir dir;
  test::writeText(dir.file("x.xml"),
                  "<?xml version=\"1.0\"?><events xmlns=\"urn:x\"><!-- c --><event><a>1</a>"
                  "</event><event><a>2</a><b/></event><event/></events>");
  EXPECT_EQ(countXmlRows(dir.file("x.xml")), 3u);
  test::writeText(dir.file("bad.xml"), "<events><event></events>");
  EXPECT_THROW(countXmlRows(dir.file("bad.xml")), Error);
  EXPECT_THROW(countRows(dir.file("x.xml"), "json"), Error);
}

}  // namespace
}  // namespace brobyg::package
