// Streaming RFC 4180 tokeniser with a fixed-size read buffer.
#pragma once

#include "ByteSource.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::csv {

struct Dialect {
  char delimiter = ';';
  char quote = '"';
};

// One record (a logical row; quoted fields may span physical lines).
struct Record {
  enum class Problem {
    None,
    TooLong,            // longer than the byte limit: `raw` holds only its first bytes
    UnterminatedQuote,  // a quoted field still open at end of input
    TextAfterQuote      // a closing quote followed by something other than a delimiter
  };

  std::string_view raw;                  // bytes as read, without the line end
  std::vector<std::string_view> fields;  // unquoted values; empty when problem != None
  std::uint64_t line = 0;                // physical line (1-based) where the record starts
  Problem problem = Problem::None;
  size_t problemField = 0;  // 0-based field of TextAfterQuote
};

// Reads records one by one. Views in a Record stay valid until the next call. Memory is
// bounded by the buffer size plus the record limit: a longer record is reported, not kept.
class CsvReader {
 public:
  static constexpr size_t kDefaultBufferSize = 64 * 1024;

  CsvReader(ByteSource& source, Dialect dialect, size_t maxRecordBytes,
            size_t bufferSize = kDefaultBufferSize);

  // Skips `count` physical lines (a vendor's preamble), regardless of quotes.
  void skipLines(std::uint64_t count);

  // Reads the next non-empty record; false at end of input. Blank lines are skipped.
  bool next(Record& record);

 private:
  bool fill();
  void skipBom();
  void append(const char* begin, const char* end);
  void tokenise(Record& record);

  ByteSource& source_;
  Dialect dialect_;
  size_t maxRecordBytes_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_ = 1;
  std::string raw_;
  bool truncated_ = false;
  std::string unescaped_;
};

}  // namespace brobyg::csv
