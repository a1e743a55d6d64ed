// Streaming RFC 4180 tokeniser with a fixed-size read buffer.
#pragma once

#include <common/ByteSource.h>
#include <common/ReadPosition.h>

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
    UnterminatedQuote,  // a quoted field not closed before max bytes or the end of input
    TextAfterQuote      // a closing quote followed by something other than a delimiter
  };

  std::string_view raw;                  // bytes as read, without the line end
  std::vector<std::string_view> fields;  // unquoted values; empty when problem != None
  std::uint64_t line = 0;                // physical line (1-based) where the record starts
  std::uint64_t lines = 0;               // physical lines the record covers (at least 1)
  Problem problem = Problem::None;
  size_t problemField = 0;  // 0-based field of TextAfterQuote
};

// Where the tokeniser reads from, and a place in the input where a record may start (just
// after a line end, or the start): the shared file library's.
using files::ByteSource;
using files::ReadPosition;
using files::SeekableSource;

// Reads records one by one. Views in a Record stay valid until the next call. Memory is
// bounded by the buffer size plus twice the record limit: a longer record is reported, not kept.
//
// Line accounting: every physical line the reader consumes ends up in exactly one record
// (Record::lines) or in skippedLines() (skip_lines, blank lines). A quoted field that is still
// open after the record limit or at the end of input does not swallow what follows: the
// record is reported as its first physical line only, and reading goes on at the next line.
class CsvReader {
 public:
  static constexpr size_t kDefaultBufferSize = 64 * 1024;

  using Position = ReadPosition;

  // `source` delivers the file's bytes from `start.offset` on. Only a reader that starts at
  // offset 0 skips a UTF-8 byte order mark.
  CsvReader(ByteSource& source, Dialect dialect, size_t maxRecordBytes,
            size_t bufferSize = kDefaultBufferSize, Position start = {});

  // Skips `count` physical lines (a vendor's preamble), regardless of quotes.
  void skipLines(std::uint64_t count);

  // Reads the next non-empty record; false at end of input. Blank lines are skipped.
  bool next(Record& record);

  // Physical lines consumed without a record: skip_lines and blank lines.
  std::uint64_t skippedLines() const { return skipped_; }
  // Just after the line end of the last record or skipped line: where reading can resume.
  Position resumePoint() const { return resume_; }

 private:
  struct Scan;

  bool fill();
  void skipBom();
  void scan(Scan& scan, bool lineMode);
  size_t skipPlain(const char* data, size_t from, size_t stop, Scan& scan) const;
  bool discardRestOfLine();
  void recoverAtFirstBreak(const Scan& scan, std::uint64_t start);
  void classify(Record& record, const Scan& scan);
  void tokenise(Record& record);
  void markResume() { resume_ = {base_ + pos_, line_}; }

  ByteSource& source_;
  Dialect dialect_;
  size_t maxRecordBytes_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  std::uint64_t base_ = 0;  // file offset of buffer_[0]
  std::uint64_t next_ = 0;  // file offset of the byte the next fill() loads
  bool eof_ = false;
  bool started_ = false;
  bool partialLine_ = false;  // bytes of the current line consumed outside a record (BOM)
  std::uint64_t line_ = 1;
  std::uint64_t skipped_ = 0;
  Position resume_;
  // Bytes read again after a runaway quote (they followed its first line), served before the
  // source. A second runaway that starts inside such bytes switches to line mode (a quoted
  // field cannot span lines) up to lineModeUntil_, so that each byte is scanned a bounded
  // number of times whatever the input.
  std::string replay_;
  size_t replayPos_ = 0;
  std::uint64_t replayedUpTo_ = 0;
  std::uint64_t lineModeUntil_ = 0;
  std::string raw_;
  std::string unescaped_;
};

}  // namespace brobyg::csv
