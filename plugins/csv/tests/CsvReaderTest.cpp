#include "CsvReader.h"
#include "TestSupport.h"

#include <gtest/gtest.h>

namespace brobyg::csv {
namespace {

using test::MemorySource;

struct Read {
  std::vector<std::string> fields;
  std::string raw;
  std::uint64_t line;
  Record::Problem problem;
};

std::vector<Read> readAll(const std::string& data, size_t chunk = 1 << 20,
                          size_t bufferSize = CsvReader::kDefaultBufferSize,
                          size_t maxBytes = 1 << 20, std::uint64_t skip = 0, Dialect dialect = {}) {
  MemorySource source(data, chunk);
  CsvReader reader(source, dialect, maxBytes, bufferSize);
  reader.skipLines(skip);
  std::vector<Read> out;
  Record record;
  while (reader.next(record)) {
    Read r{{}, std::string(record.raw), record.line, record.problem};
    for (auto f : record.fields) r.fields.emplace_back(f);
    out.push_back(std::move(r));
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SplitsOnDelimiterAndLineEnds) {
  auto rows = readAll("a;b;c\n1;;3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CsvReader, HandlesCrlfAndMissingFinalNewline) {
  auto rows = readAll("a;b\r\n1;2\r\n3;4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(rows[1].raw, "1;2");
  EXPECT_EQ(rows[2].fields, (Fields{"3", "4"}));
}

TEST(CsvReader, UnquotesDoubledQuotesDelimitersAndNewlines) {
  auto rows = readAll("\"a;b\";\"say \"\"hi\"\"\";\"two\r\nlines\";x\nnext;1;2;3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a;b", "say \"hi\"", "two\r\nlines", "x"}));
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 3u);  // the embedded newline is a physical line
  EXPECT_EQ(rows[1].fields[0], "next");
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsLiteral) {
  auto rows = readAll("ab\"c;d\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"ab\"c", "d"}));
}

TEST(CsvReader, EmptyQuotedFieldAndTrailingDelimiter) {
  auto rows = readAll("\"\";x;\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"", "x", ""}));
}

TEST(CsvReader, SkipsBomEvenWhenItArrivesByteByByte) {
  for (size_t chunk : {1u, 2u, 3u, 100u}) {
    auto rows = readAll("\xEF\xBB\xBFperson;dato\n", chunk);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields[0], "person") << "chunk " << chunk;
  }
  auto bomOnly = readAll("\xEF\xBB\xBF");
  EXPECT_TRUE(bomOnly.empty());
}

TEST(CsvReader, SkipsBlankLinesButCountsThem) {
  auto rows = readAll("a\n\n\r\nb\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[0], "b");
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReader, SkipLinesIgnoresQuotesInPreamble) {
  auto rows = readAll("Export \"fravaer\n2024\nh1;h2\nv1;v2\n", 1 << 20,
                      CsvReader::kDefaultBufferSize, 1 << 20, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"h1", "h2"}));
  EXPECT_EQ(rows[0].line, 3u);
}

TEST(CsvReader, ReportsUnterminatedQuoteAtEof) {
  auto rows = readAll("a;b\n1;\"open\n2;3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].problem, Record::Problem::UnterminatedQuote);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].raw, "1;\"open\n2;3\n");
}

TEST(CsvReader, ReportsTextAfterClosingQuote) {
  MemorySource source("a;\"b\"c;d\nok\n");
  CsvReader reader(source, {}, 1024);
  Record record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.problem, Record::Problem::TextAfterQuote);
  EXPECT_EQ(record.problemField, 1u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.problem, Record::Problem::None);
  EXPECT_EQ(record.fields[0], "ok");
}

TEST(CsvReader, RejectsOverlongRowWithoutKeepingIt) {
  const std::string longRow(5000, 'x');
  auto rows = readAll("a;b\n" + longRow + "\nc;d\n", 7, 16, 100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].problem, Record::Problem::TooLong);
  EXPECT_EQ(rows[1].raw.size(), 100u);
  EXPECT_EQ(rows[2].fields, (Fields{"c", "d"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, RowExactlyAtTheLimitIsKept) {
  auto rows = readAll("abcd\r\n", 1 << 20, 64, 4);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].problem, Record::Problem::None);
  EXPECT_EQ(rows[0].fields[0], "abcd");
}

TEST(CsvReader, OtherDelimiterAndQuote) {
  Dialect dialect{'\t', '\''};
  auto rows = readAll("'a\tb'\t'it''s'\n", 1 << 20, 64, 1024, 0, dialect);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"a\tb", "it's"}));
}

// Rows that straddle the read buffer at every possible offset read the same as in one go.
TEST(CsvReader, SameResultForEveryBufferAndChunkSize) {
  const std::string data =
      "\xEF\xBB\xBF"
      "h1;h2;h3\r\n\"quoted;\"\"x\"\"\";plain;\"multi\nline\"\r\n\n1;2;3\nlast;\"\";end";
  const auto reference = readAll(data);
  ASSERT_EQ(reference.size(), 4u);
  for (size_t buffer = 4; buffer <= 40; ++buffer) {
    for (size_t chunk = 1; chunk <= 9; ++chunk) {
      const auto rows = readAll(data, chunk, buffer);
      ASSERT_EQ(rows.size(), reference.size()) << buffer << "/" << chunk;
      for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].fields, reference[i].fields) << buffer << "/" << chunk;
        EXPECT_EQ(rows[i].line, reference[i].line) << buffer << "/" << chunk;
        EXPECT_EQ(rows[i].raw, reference[i].raw) << buffer << "/" << chunk;
      }
    }
  }
}

}  // namespace
}  // namespace brobyg::csv
