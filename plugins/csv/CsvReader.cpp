#include "CsvReader.h"

#include <algorithm>
#include <cstring>

namespace brobyg::csv {
namespace {

// Where the record scanner is, so that quotes only open a quoted field at its start.
enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

}  // namespace

CsvReader::CsvReader(ByteSource& source, Dialect dialect, size_t maxRecordBytes, size_t bufferSize)
    : source_(source),
      dialect_(dialect),
      maxRecordBytes_(maxRecordBytes),
      buffer_(std::max<size_t>(bufferSize, 4)) {}

bool CsvReader::fill() {
  if (eof_) return false;
  pos_ = 0;
  end_ = 0;
  while (end_ == 0) {
    const size_t got = source_.read(buffer_.data(), buffer_.size());
    if (got == 0) {
      eof_ = true;
      return false;
    }
    end_ = got;
  }
  return true;
}

// A UTF-8 byte order mark opens many Windows exports, whatever their real encoding.
void CsvReader::skipBom() {
  started_ = true;
  static constexpr char kBom[] = "\xEF\xBB\xBF";
  // The source may hand out fewer than three bytes per read: gather them first.
  while (end_ - pos_ < 3 && !eof_) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
    const size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
  }
  if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, kBom, 3) == 0) pos_ += 3;
}

void CsvReader::skipLines(std::uint64_t count) {
  if (!started_) skipBom();
  while (count > 0) {
    if (pos_ == end_ && !fill()) return;
    const char* begin = buffer_.data() + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
    if (newline == nullptr) {
      pos_ = end_;
      continue;
    }
    pos_ += static_cast<size_t>(newline - begin) + 1;
    ++line_;
    --count;
  }
}

// Keeps one byte beyond the limit, so that a CRLF line of exactly the limit still fits.
void CsvReader::append(const char* begin, const char* end) {
  const size_t room = maxRecordBytes_ + 1 - raw_.size();
  const auto size = static_cast<size_t>(end - begin);
  if (size > room) {
    raw_.append(begin, room);
    truncated_ = true;
  } else {
    raw_.append(begin, size);
  }
}

bool CsvReader::next(Record& record) {
  if (!started_) skipBom();
  for (;;) {
    raw_.clear();
    truncated_ = false;
    record.line = line_;
    State state = State::FieldStart;
    std::uint64_t newlines = 0;
    bool ended = false;  // saw the record's line end
    bool anyByte = false;
    while (!ended) {
      if (pos_ == end_ && !fill()) break;
      anyByte = true;
      const char* data = buffer_.data();
      size_t i = pos_;
      const char delimiter = dialect_.delimiter;
      const char quote = dialect_.quote;
      for (; i < end_; ++i) {
        const char c = data[i];
        if (state == State::Quoted) {
          if (c == quote) {
            state = State::QuoteInQuoted;
          } else if (c == '\n') {
            ++newlines;
          }
        } else if (c == '\n') {
          ended = true;
          break;
        } else if (c == delimiter) {
          state = State::FieldStart;
        } else if (c == quote && state != State::Unquoted) {
          // At a field start it opens a quoted field; after a closing quote it is an escape.
          state = State::Quoted;
        } else {
          state = State::Unquoted;
        }
      }
      if (!truncated_) append(data + pos_, data + i);
      pos_ = ended ? i + 1 : i;
    }
    if (!anyByte) return false;
    line_ += newlines + (ended ? 1 : 0);
    if (!truncated_ && !raw_.empty() && raw_.back() == '\r') raw_.pop_back();
    if (raw_.size() > maxRecordBytes_) {
      raw_.resize(maxRecordBytes_);
      truncated_ = true;
    }
    if (raw_.empty() && !truncated_) {
      if (!ended) return false;  // nothing after the last line end
      continue;                  // blank line
    }
    record.raw = raw_;
    record.fields.clear();
    record.problemField = 0;
    if (truncated_) {
      record.problem = Record::Problem::TooLong;
    } else if (state == State::Quoted) {
      record.problem = Record::Problem::UnterminatedQuote;
    } else {
      record.problem = Record::Problem::None;
      tokenise(record);
    }
    return true;
  }
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
