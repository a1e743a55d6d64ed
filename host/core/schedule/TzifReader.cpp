// RFC 8536 TZif reader: outside input (a file in the system's zone database), so every count
// is checked against the bytes that are there before anything is read.
#include <cstring>

#include "schedule/TimeZone.h"
#include "util/Error.h"

namespace brobyg::schedule {

class TzifReader {
 public:
  TzifReader(std::string_view data, const std::string& name) : data_(data), name_(name) {}

  TimeZone read() {
    Header v1 = header();
    if (v1.version == 0) return block(v1, 4, false);
    skip(blockSize(v1, 4));  // the 32-bit block; version 2+ repeats it with 64-bit times
    Header v2 = header();
    TimeZone zone = block(v2, 8, true);
    return zone;
  }

 private:
  struct Header {
    int version = 0;
    std::uint64_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
  };

  [[noreturn]] void fail(const std::string& why) const {
    throw Error("time zone '" + name_ + "': not a valid TZif file (" + why + ")");
  }

  void need(std::uint64_t bytes) const {
    if (bytes > data_.size() - pos_) fail("truncated");
  }
  void skip(std::uint64_t bytes) {
    need(bytes);
    pos_ += static_cast<std::size_t>(bytes);
  }
  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(data_[pos_++]);
  }
  std::int64_t signedBigEndian(int width) {
    need(static_cast<std::uint64_t>(width));
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) value = (value << 8) | static_cast<std::uint8_t>(data_[pos_++]);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
  }

  Header header() {
    need(44);
    if (std::memcmp(data_.data() + pos_, "TZif", 4) != 0) fail("no TZif magic");
    pos_ += 4;
    const std::uint8_t version = u8();
    if (version != 0 && (version < '2' || version > '4')) fail("unknown version");
    skip(15);
    Header h;
    h.version = version == 0 ? 0 : version - '0';
    for (std::uint64_t* count :
         {&h.isutcnt, &h.isstdcnt, &h.leapcnt, &h.timecnt, &h.typecnt, &h.charcnt})
      *count = static_cast<std::uint32_t>(signedBigEndian(4));
    if (h.typecnt == 0) fail("no local time types");
    if (h.charcnt == 0) fail("no abbreviations");
    if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) || (h.isstdcnt != 0 && h.isstdcnt != h.typecnt))
      fail("indicator counts do not match the types");
    // Leap-second ("right/") zones count TAI-like seconds: not what a schedule means.
    if (h.leapcnt != 0) fail("leap-second zones are not supported");
    return h;
  }

  static std::uint64_t blockSize(const Header& h, int timeSize) {
    // Counts are at most 2^32 - 1 each: the sum cannot overflow 64 bits.
    return h.timecnt * static_cast<std::uint64_t>(timeSize) + h.timecnt + h.typecnt * 6 +
           h.charcnt + h.leapcnt * static_cast<std::uint64_t>(timeSize + 4) + h.isstdcnt +
           h.isutcnt;
  }

  TimeZone block(const Header& h, int timeSize, bool footer) {
    need(blockSize(h, timeSize));
    TimeZone zone;
    zone.name_ = name_;
    zone.transitions_.reserve(static_cast<std::size_t>(h.timecnt));
    for (std::uint64_t i = 0; i < h.timecnt; ++i) {
      const std::int64_t at = signedBigEndian(timeSize);
      if (!zone.transitions_.empty() && at <= zone.transitions_.back())
        fail("transitions out of order");
      zone.transitions_.push_back(at);
    }
    std::vector<std::uint8_t> typeOf(static_cast<std::size_t>(h.timecnt));
    for (auto& t : typeOf) {
      t = u8();
      if (t >= h.typecnt) fail("transition to an unknown type");
    }
    std::vector<int> typeOffsets;
    for (std::uint64_t i = 0; i < h.typecnt; ++i) {
      const std::int64_t offset = signedBigEndian(4);
      if (offset <= -TimeZone::kMaxOffset || offset >= TimeZone::kMaxOffset)
        fail("offset out of range");
      typeOffsets.push_back(static_cast<int>(offset));
      const std::uint8_t isDst = u8();
      const std::uint8_t abbreviation = u8();
      if (isDst > 1 || abbreviation >= h.charcnt) fail("bad local time type");
    }
    skip(h.charcnt + h.isstdcnt + h.isutcnt);  // abbreviations and indicators: not needed
    zone.initialOffset_ = typeOffsets[0];
    for (auto t : typeOf) zone.offsets_.push_back(typeOffsets[t]);
    if (footer) readFooter(zone);
    return zone;
  }

  void readFooter(TimeZone& zone) {
    if (u8() != '\n') fail("no footer");
    const std::size_t end = data_.find('\n', pos_);
    if (end == std::string_view::npos) fail("unterminated footer");
    const std::string_view rule = data_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (rule.empty()) return;  // no rule: the last transition's type stays in force
    try {
      zone.footer_ = PosixTzRule::parse(rule);
    } catch (const Error& e) {
      fail(std::string("footer: ") + e.what());
    }
  }

  std::string_view data_;
  std::size_t pos_ = 0;
  const std::string& name_;
};

TimeZone TimeZone::fromTzif(std::string_view data, const std::string& name) {
  return TzifReader(data, name).read();
}

}  // namespace brobyg::schedule
