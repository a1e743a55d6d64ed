#include "CsvReader.h"
#include "LineAccount.h"
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
  std::uint64_t lines;
};

std::vector<Read> readAll(const std::string& data, size_t chunk = 1 << 20,
                          size_t bufferSize = CsvReader::kDefaultBufferSize,
                          size_t maxBytes = 1 << 20, std::uint64_t skip = 0, Dialect dialect = {}) {
  MemorySource source(data, chunk);
  CsvReader reader(source, dialect, maxBytes, bufferSize);
  reader.skipLines(skip);
  std::vector<Read> out;
  Record record;
  std::uint64_t lines = 0;
  std::uint64_t nextLine = 1 + std::min<std::uint64_t>(skip, countPhysicalLines(data));
  while (reader.next(record)) {
    Read r{{}, std::string(record.raw), record.line, record.problem, record.lines};
    for (auto f : record.fields) r.fields.emplace_back(f);
    EXPECT_GE(record.lines, 1u);
    EXPECT_GE(record.line, nextLine);  // records come in order and never overlap
    nextLine = record.line + record.lines;
    lines += record.lines;
    out.push_back(std::move(r));
  }
  // The invariant: every physical line is in one record or counted as skipped.
  EXPECT_EQ(lines + reader.skippedLines(), countPhysicalLines(data))
      << "chunk " << chunk << " buffer " << bufferSize << " max " << maxBytes;
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

// Issue 10, finding 1: an unterminated quote swallowed every row after it.
TEST(CsvReader, UnterminatedQuoteAtEofEndsAtItsFirstLineEnd) {
  auto rows = readAll("a;b\n1;\"open\r\n2;3\n4;5");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].problem, Record::Problem::UnterminatedQuote);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].lines, 1u);
  EXPECT_EQ(rows[1].raw, "1;\"open");
  EXPECT_EQ(rows[2].fields, (Fields{"2", "3"}));
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[3].fields, (Fields{"4", "5"}));
  EXPECT_EQ(rows[3].line, 4u);
}

TEST(CsvReader, UnterminatedQuoteOnTheLastLineIsOneRecord) {
  auto rows = readAll("a;b\n1;\"open");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].problem, Record::Problem::UnterminatedQuote);
  EXPECT_EQ(rows[1].raw, "1;\"open");
}

TEST(CsvReader, QuoteOpenPastTheLimitEndsAtItsFirstLineEnd) {
  std::string data = "h1;h2\n1;\"stray\n";
  for (int i = 0; i < 100; ++i) data += std::to_string(i) + ";x\n";
  data += "last;\"closes\"\n";  // a quote far beyond the limit must not pair with the stray
  for (size_t chunk : {1u, 7u, 1000u}) {
    const auto rows = readAll(data, chunk, 16, 64);
    ASSERT_EQ(rows.size(), 103u) << chunk;
    EXPECT_EQ(rows[1].problem, Record::Problem::UnterminatedQuote);
    EXPECT_EQ(rows[1].raw, "1;\"stray");
    for (size_t i = 2; i < 102; ++i) {
      EXPECT_EQ(rows[i].problem, Record::Problem::None) << i;
      EXPECT_EQ(rows[i].fields, (Fields{std::to_string(i - 2), "x"}));
      EXPECT_EQ(rows[i].line, i + 1);
    }
    EXPECT_EQ(rows[102].fields, (Fields{"last", "closes"}));
  }
}

TEST(CsvReader, MultiLineFieldAfterARecoveredStrayQuoteStillReads) {
  std::string data = "1;\"stray\n";
  for (int i = 0; i < 20; ++i) data += "p;" + std::to_string(i) + "\n";
  data += "2;\"two\nlines\"\n3;x\n";
  const auto rows = readAll(data, 3, 8, 64);  // the stray runs past 64 bytes first
  ASSERT_EQ(rows.size(), 23u);
  EXPECT_EQ(rows[0].problem, Record::Problem::UnterminatedQuote);
  EXPECT_EQ(rows[21].fields, (Fields{"2", "two\nlines"}));
  EXPECT_EQ(rows[21].lines, 2u);
  EXPECT_EQ(rows[22].fields, (Fields{"3", "x"}));
  EXPECT_EQ(rows[22].line, 24u);
}

// Lines that open a quote whether or not one is already open would make every line a
// runaway; after the second one the rest of its bytes are read one line per record.
TEST(CsvReader, RepeatedRunawaysStayLinear) {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += ";\"a\";\"b\n";
  const auto rows = readAll(data, 1 << 20, 4096, 4096);
  ASSERT_EQ(rows.size(), 20000u);
  for (const auto& row : rows) EXPECT_EQ(row.problem, Record::Problem::UnterminatedQuote);
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

TEST(CsvReader, OverlongRowsAcrossLinesAreCutAtTheFirstLineEnd) {
  // A quoted field closed after a line break, then too long: its first line is one reject,
  // the rest is read as further lines, so that no line goes unaccounted.
  const std::string data = "a;\"x\ny\";" + std::string(200, 'z') + "\nok;1\n";
  const auto rows = readAll(data, 5, 16, 64);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].problem, Record::Problem::TooLong);
  EXPECT_EQ(rows[0].raw, "a;\"x");
  EXPECT_EQ(rows[1].problem, Record::Problem::TooLong);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].fields, (Fields{"ok", "1"}));
}

TEST(CsvReader, ResumesAtAPositionWithItsLineNumber) {
  const std::string data = "h;x\n1;2\n3;4\n5;";
  MemorySource whole(data);
  CsvReader first(whole, {}, 1024);
  Record record;
  while (first.next(record)) {
  }
  EXPECT_EQ(first.resumePoint().offset, 12u);  // after "3;4\n", not inside the last line
  EXPECT_EQ(first.resumePoint().line, 4u);
  MemorySource rest(data.substr(12) + "6\n7;8\n");
  CsvReader second(rest, {}, 1024, 4, first.resumePoint());
  ASSERT_TRUE(second.next(record));
  EXPECT_EQ(record.line, 4u);
  EXPECT_EQ(record.raw, "5;6");
  ASSERT_TRUE(second.next(record));
  EXPECT_EQ(record.line, 5u);
  EXPECT_EQ(second.resumePoint().offset, 12u + 8u);
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
  // Plain lines (the scan's fast way) between quoted ones, a quote after plain bytes, a line
  // ending in a delimiter, and a closing quote right before a line end.
  const std::string data =
      "\xEF\xBB\xBF"
      "h1;h2;h3\r\n\"quoted;\"\"x\"\"\";plain;\"multi\nline\"\r\n\n1;2;3\nlast;\"\";end\n"
      "plain;and;more;\nab\"c;\"d\";e\n\"f\"\r\nlast;line";
  const auto reference = readAll(data);
  ASSERT_EQ(reference.size(), 8u);
  EXPECT_EQ(reference[4].fields, (Fields{"plain", "and", "more", ""}));
  EXPECT_EQ(reference[5].fields, (Fields{"ab\"c", "d", "e"}));
  EXPECT_EQ(reference[6].fields, (Fields{"f"}));
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
