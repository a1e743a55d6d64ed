#include "CsvReader.h"

#include <algorithm>
#include <cstring>

namespace brobyg::csv {
namespace {

// Where the record scanner is, so that quotes only open a quoted field at its start.
enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

constexpr size_t kNoBreak = static_cast<size_t>(-1);

}  // namespace

// How the scan of one record ended.
struct CsvReader::Scan {
  State state = State::FieldStart;
  std::uint64_t newlines = 0;    // line ends inside quotes
  size_t firstBreak = kNoBreak;  // offset in raw_ of the first of them
  bool ended = false;            // saw the record's line end
  bool anyByte = false;
  bool overflow = false;  // more than maxRecordBytes_ + 1 bytes without a line end
};

CsvReader::CsvReader(ByteSource& source, Dialect dialect, size_t maxRecordBytes, size_t bufferSize,
                     Position start)
    : source_(source),
      dialect_(dialect),
      maxRecordBytes_(maxRecordBytes),
      buffer_(std::max<size_t>(bufferSize, 4)),
      base_(start.offset),
      next_(start.offset),
      started_(start.offset != 0),
      line_(start.line),
      resume_(start) {}

bool CsvReader::fill() {
  pos_ = 0;
  end_ = 0;
  base_ = next_;
  if (replayPos_ < replay_.size()) {
    end_ = std::min(buffer_.size(), replay_.size() - replayPos_);
    std::memcpy(buffer_.data(), replay_.data() + replayPos_, end_);
    replayPos_ += end_;
    if (replayPos_ == replay_.size()) {
      replay_.clear();
      replayPos_ = 0;
    }
    next_ += end_;
    return true;
  }
  if (eof_) return false;
  while (end_ == 0) {
    const size_t got = source_.read(buffer_.data(), buffer_.size());
    if (got == 0) {
      eof_ = true;
      return false;
    }
    end_ = got;
  }
  next_ += end_;
  return true;
}

// A UTF-8 byte order mark opens many Windows exports, whatever their real encoding.
void CsvReader::skipBom() {
  started_ = true;
  static constexpr char kBom[] = "\xEF\xBB\xBF";
  // The source may hand out fewer than three bytes per read: gather them first.
  while (end_ - pos_ < 3 && !eof_) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    base_ += pos_;
    end_ -= pos_;
    pos_ = 0;
    const size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
    next_ += got;
  }
  if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, kBom, 3) == 0) {
    pos_ += 3;
    partialLine_ = true;  // the BOM belongs to line 1, whatever follows
  }
}

void CsvReader::skipLines(std::uint64_t count) {
  if (!started_) skipBom();
  while (count > 0) {
    if (pos_ == end_ && !fill()) {
      if (partialLine_) ++skipped_;  // a last line without a line end
      partialLine_ = false;
      return;
    }
    const char* begin = buffer_.data() + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
    if (newline == nullptr) {
      pos_ = end_;
      partialLine_ = true;
      continue;
    }
    pos_ += static_cast<size_t>(newline - begin) + 1;
    partialLine_ = false;
    ++line_;
    ++skipped_;
    --count;
    markResume();
  }
}

// The fast way over bytes outside quotes: up to the line end (or `stop`), when no quote
// character comes before it, the state machine below would only move between FieldStart and
// Unquoted, ending on what the last byte says. Returns where the byte-by-byte scan goes on
// (at the line end, with s.ended, or at the first byte it has to look at itself).
size_t CsvReader::skipPlain(const char* data, size_t from, size_t stop, Scan& s) const {
  const char* begin = data + from;
  const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', stop - from));
  const size_t length = newline != nullptr ? static_cast<size_t>(newline - begin) : stop - from;
  if (std::memchr(begin, dialect_.quote, length) != nullptr) return from;
  if (length > 0)
    s.state = begin[length - 1] == dialect_.delimiter ? State::FieldStart : State::Unquoted;
  if (newline != nullptr) s.ended = true;
  return from + length;
}

// Collects one record's bytes into raw_, at most maxRecordBytes_ + 1 of them (one beyond the
// limit, so that a CRLF line of exactly the limit still fits). It never consumes a byte it
// does not keep, so that a runaway quote can be undone from raw_.
void CsvReader::scan(Scan& s, bool lineMode) {
  raw_.clear();
  const size_t cap = maxRecordBytes_ + 1;
  const char delimiter = dialect_.delimiter;
  const char quote = dialect_.quote;
  for (;;) {
    if (pos_ == end_ && !fill()) return;
    s.anyByte = true;
    const char* data = buffer_.data();
    const size_t stop = std::min(end_, pos_ + (cap - raw_.size()));
    size_t i = pos_;
    if (s.state != State::Quoted) i = skipPlain(data, i, stop, s);
    for (; i < stop && !s.ended; ++i) {
      const char c = data[i];
      if (s.state == State::Quoted) {
        if (c == quote) {
          s.state = State::QuoteInQuoted;
        } else if (c == '\n') {
          if (lineMode) {
            s.ended = true;  // the record ends here, its quote unterminated
            break;
          }
          if (s.firstBreak == kNoBreak) s.firstBreak = raw_.size() + (i - pos_);
          ++s.newlines;
        }
      } else if (c == '\n') {
        s.ended = true;
        break;
      } else if (c == delimiter) {
        s.state = State::FieldStart;
      } else if (c == quote && s.state != State::Unquoted) {
        // At a field start it opens a quoted field; after a closing quote it is an escape.
        s.state = State::Quoted;
      } else {
        s.state = State::Unquoted;
      }
    }
    raw_.append(data + pos_, i - pos_);
    pos_ = s.ended ? i + 1 : i;
    if (s.ended) return;
    if (raw_.size() < cap) continue;
    // Full: only a line end outside quotes may still follow (it ends a "...\r" of the limit).
    if (pos_ == end_ && !fill()) return;
    if (buffer_[pos_] == '\n' && s.state != State::Quoted) {
      ++pos_;
      s.ended = true;
    } else {
      s.overflow = true;
    }
    return;
  }
}

// A record longer than the limit within its first physical line: the rest of that line is
// dropped (it is not kept), up to and including the line end. False: none came.
bool CsvReader::discardRestOfLine() {
  for (;;) {
    if (pos_ == end_ && !fill()) return false;
    const char* begin = buffer_.data() + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
    if (newline != nullptr) {
      pos_ += static_cast<size_t>(newline - begin) + 1;
      return true;
    }
    pos_ = end_;
  }
}

// The record stops at its first line end; the bytes after it (kept in raw_) and the unread
// ones are read again as new records.
void CsvReader::recoverAtFirstBreak(const Scan& s, std::uint64_t start) {
  const std::uint64_t scannedTo = start + raw_.size();
  // A runaway inside bytes already read again once: the rest of them in line mode.
  if (start < replayedUpTo_) lineModeUntil_ = std::max(lineModeUntil_, scannedTo);
  replayedUpTo_ = std::max(replayedUpTo_, scannedTo);

  std::string again(raw_, s.firstBreak + 1);
  again.append(buffer_.data() + pos_, end_ - pos_);
  again.append(replay_, replayPos_);
  replay_ = std::move(again);
  replayPos_ = 0;
  pos_ = end_ = 0;
  next_ = base_ = start + s.firstBreak + 1;
  raw_.resize(s.firstBreak);
  if (!raw_.empty() && raw_.back() == '\r') raw_.pop_back();
}

bool CsvReader::next(Record& record) {
  if (!started_) skipBom();
  for (;;) {
    const std::uint64_t start = base_ + pos_;
    Scan s;
    scan(s, start < lineModeUntil_);
    if (!s.anyByte) {
      if (partialLine_) ++skipped_;  // a BOM and nothing else
      partialLine_ = false;
      return false;
    }
    partialLine_ = false;
    record.line = line_;
    if (s.firstBreak != kNoBreak && (s.overflow || (!s.ended && s.state == State::Quoted))) {
      recoverAtFirstBreak(s, start);
      s.newlines = 0;
      s.ended = true;
    } else if (s.overflow) {
      s.ended = discardRestOfLine();
    } else if (!raw_.empty() && raw_.back() == '\r') {
      raw_.pop_back();
    }
    line_ += s.newlines + 1;
    if (s.ended) markResume();
    if (raw_.empty()) {
      ++skipped_;  // a blank line
      if (!s.ended) return false;
      continue;
    }
    record.lines = s.newlines + 1;
    classify(record, s);
    return true;
  }
}

void CsvReader::classify(Record& record, const Scan& s) {
  record.fields.clear();
  record.problemField = 0;
  if (s.overflow && s.state == State::Quoted && s.firstBreak != kNoBreak) {
    record.problem = Record::Problem::UnterminatedQuote;
  } else if (s.overflow || raw_.size() > maxRecordBytes_) {
    record.problem = Record::Problem::TooLong;
  } else if (s.state == State::Quoted) {
    record.problem = Record::Problem::UnterminatedQuote;
  } else {
    record.problem = Record::Problem::None;
  }
  if (raw_.size() > maxRecordBytes_) raw_.resize(maxRecordBytes_);
  record.raw = raw_;
  if (record.problem == Record::Problem::None) tokenise(record);
}

// Splits a complete record. Unquoted fields are views into raw_; quoted fields are copied
// without their quotes into unescaped_, reserved up front so that its views stay valid.
void CsvReader::tokenise(Record& record) {
  const std::string_view raw = raw_;
  const char delimiter = dialect_.delimiter;
  const char quote = dialect_.quote;
  unescaped_.clear();
  unescaped_.reserve(raw.size());
  size_t at = 0;
  for (;;) {
    if (at < raw.size() && raw[at] == quote) {
      const size_t start = unescaped_.size();
      size_t from = at + 1;
      for (;;) {
        const size_t close = raw.find(quote, from);  // found: the scanner saw it closed
        unescaped_.append(raw.data() + from, close - from);
        if (close + 1 < raw.size() && raw[close + 1] == quote) {
          unescaped_.push_back(quote);
          from = close + 2;
          continue;
        }
        at = close + 1;
        break;
      }
      record.fields.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
      if (at < raw.size() && raw[at] != delimiter) {
        record.problem = Record::Problem::TextAfterQuote;
        record.problemField = record.fields.size() - 1;
        record.fields.clear();
        return;
      }
    } else {
      const size_t stop = std::min(raw.find(delimiter, at), raw.size());
      record.fields.push_back(raw.substr(at, stop - at));
      at = stop;
    }
    if (at >= raw.size()) return;
    ++at;  // the delimiter
  }
}

}  // namespace brobyg::csv
