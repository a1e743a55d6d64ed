#include "util/IdentifierMask.h"

#include <Poco/Message.h>

namespace brobyg {

namespace {

constexpr std::string_view kMask = "**********";
constexpr std::size_t kNone = std::string_view::npos;
// Separators people put inside a CPR number: "01 - 01 - 01" in the date, "010101 -  1234"
// before the serial number.
constexpr int kMaxDateGap = 3;
constexpr int kMaxSerialGap = 5;

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isHexLetter(char c) {
  return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isAlnum(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of a separator at `i` that people and programs put inside CPR numbers: space, tab,
// '-', '.', '/', '_', and in UTF-8 the no-break space, en dash, em dash and minus sign.
std::size_t separatorAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  switch (s[i]) {
    case ' ':
    case '\t':
    case '-':
    case '.':
    case '/':
    case '_':
      return 1;
    default:
      break;
  }
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (i + 1 < s.size() && at(0) == 0xC2 && at(1) == 0xA0) return 2;  // no-break space
  if (i + 2 < s.size() && at(0) == 0xE2 && at(1) == 0x80 && (at(2) == 0x93 || at(2) == 0x94))
    return 3;  // en dash, em dash
  if (i + 2 < s.size() && at(0) == 0xE2 && at(1) == 0x88 && at(2) == 0x92) return 3;  // minus
  return 0;
}

// Copies exactly `count` digits at `i` into `into`; returns the position after them, or kNone.
std::size_t digits(std::string_view s, std::size_t i, int count, char* into) {
  if (i == kNone) return kNone;
  for (int k = 0; k < count; ++k, ++i) {
    if (i >= s.size() || !isDigit(s[i])) return kNone;
    into[k] = s[i];
  }
  return i;
}

// Skips up to `most` separators (each possibly multi-byte).
std::size_t separators(std::string_view s, std::size_t i, int most) {
  if (i == kNone) return kNone;
  for (int k = 0; k < most; ++k) {
    std::size_t n = separatorAt(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

// DDMM is a day that exists in some year (29 February included). Every CPR number starts with
// one; most other numbers (sizes, counts, hashes, epoch seconds) do not, which keeps them
// readable.
bool plausibleDate(const char* ddmm) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int day = (ddmm[0] - '0') * 10 + (ddmm[1] - '0');
  int month = (ddmm[2] - '0') * 10 + (ddmm[3] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

// DD, MM and YY, then SSSS, in the shapes people write: 0101011234, 010101-1234,
// 010101 -  1234, 0101-01-1234, 0101 01 1234, 01.01.01-1234, 01 - 01 - 01 - 1234 (up to
// kMaxDateGap separators inside the date, kMaxSerialGap before SSSS; once the date's parts are
// separated, SSSS is too). Inside a longer run of digits (a CPR number glued to other digits)
// only DDMMYY without separators counts. The date must be plausible either way; compact
// timestamps (yyyymmddhhmm...) may still be masked: the safe side.
std::size_t fullFormAt(std::string_view s, std::size_t i, bool glued) {
  char date[6];
  std::size_t gaps[3] = {0, 0, 0};
  std::size_t p = digits(s, i, 2, date);
  for (int part = 1; part < 3 && p != kNone; ++part) {
    std::size_t q = separators(s, p, kMaxDateGap);
    gaps[part - 1] = q - p;
    p = digits(s, q, 2, date + 2 * part);
  }
  if (p == kNone || !plausibleDate(date)) return 0;
  std::size_t q = separators(s, p, kMaxSerialGap);
  gaps[2] = q - p;
  char serial[4];
  std::size_t end = digits(s, q, 4, serial);
  if (end == kNone) return 0;
  if (glued && gaps[0] + gaps[1] > 0) return 0;
  if (gaps[0] > 0 && gaps[1] == 0) return 0;                   // 01-0101...
  if ((gaps[0] > 0 || gaps[1] > 0) && gaps[2] == 0) return 0;  // ...01 011234
  return end - i;
}

// DMMYY SSSS: nine digits, a CPR number whose leading zero a spreadsheet dropped, when 0DMMYY
// is a plausible date. Only a whole digit run, so that byte and row counts stay readable.
std::size_t droppedZeroFormAt(std::string_view s, std::size_t i, bool glued) {
  if (glued) return 0;
  char date[6] = {'0'};
  std::size_t p = digits(s, i, 5, date + 1);
  if (p == kNone || !plausibleDate(date)) return 0;
  char serial[4];
  std::size_t end = digits(s, separators(s, p, 3), 4, serial);
  if (end == kNone) return 0;
  // A digit may follow only where a CPR number starts: that one is masked too, and the masked
  // text then reads "**********" after the nine digits, which must mask the same way again.
  if (end < s.size() && isDigit(s[end]) && fullFormAt(s, end, false) == 0) return 0;
  return end - i;
}

// Length of a digest or key id at `i` (16, 32, 40, 64 or 128 hex digits with at least one
// letter, standing alone): package ids, key ids and SHA-256 sums are printed whole, even when
// a run of their digits reads like a CPR number. Else 0.
std::size_t hexDigestAt(std::string_view s, std::size_t i) {
  if (i > 0 && isAlnum(s[i - 1])) return 0;
  std::size_t end = i;
  bool letter = false;
  while (end < s.size() && end - i <= 128 && (isDigit(s[end]) || isHexLetter(s[end])))
    letter |= isHexLetter(s[end++]);
  if (!letter || (end < s.size() && isAlnum(s[end]))) return 0;
  std::size_t n = end - i;
  return n == 16 || n == 32 || n == 40 || n == 64 || n == 128 ? n : 0;
}

// Calls found(position, length) for each CPR-like match, left to right; stops early when
// found returns false.
template <typename Found>
void scan(std::string_view s, Found found) {
  // A digit right after a match is not glued to it: the match becomes '*', and what follows
  // must be masked the same way in the masked text (the mask is idempotent).
  std::size_t lastEnd = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (!isDigit(c) && !isHexLetter(c)) {
      ++i;
      continue;
    }
    if (std::size_t digest = hexDigestAt(s, i)) {
      i += digest;
      continue;
    }
    std::size_t n = 0;
    if (isDigit(c)) {
      const bool glued = i > 0 && i != lastEnd && isDigit(s[i - 1]);
      n = fullFormAt(s, i, glued);
      if (n == 0) n = droppedZeroFormAt(s, i, glued);
    }
    if (n == 0) {
      ++i;
      continue;
    }
    if (!found(i, n)) return;
    i += n;
    lastEnd = i;
  }
}

}  // namespace

std::string maskIdentifiers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  scan(text, [&](std::size_t at, std::size_t n) {
    out.append(text.substr(copied, at - copied)).append(kMask);
    copied = at + n;
    return true;
  });
  out.append(text.substr(copied));
  return out;
}

bool containsIdentifier(std::string_view text) {
  // Every form has at least nine digits: most values (dates, codes) stop here.
  int digitCount = 0;
  for (char c : text) digitCount += isDigit(c) ? 1 : 0;
  if (digitCount < 9) return false;
  bool any = false;
  scan(text, [&](std::size_t, std::size_t) { return !(any = true); });
  return any;
}

MaskingChannel::MaskingChannel(Poco::AutoPtr<Poco::Channel> next) : next_(std::move(next)) {}

void MaskingChannel::log(const Poco::Message& msg) {
  Poco::Message masked(msg);
  masked.setText(maskIdentifiers(msg.getText()));
  next_->log(masked);
}

void MaskingChannel::open() {
  next_->open();
}
void MaskingChannel::close() {
  next_->close();
}

}  // namespace brobyg
