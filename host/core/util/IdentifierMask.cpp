#include "util/IdentifierMask.h"

#include <Poco/Message.h>

namespace brobyg {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
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

// Reads `count` digits at `i`; returns the position after them, or npos.
std::size_t digits(std::string_view s, std::size_t i, int count, std::string& into) {
  for (int k = 0; k < count; ++k, ++i) {
    if (i >= s.size() || !isDigit(s[i])) return std::string_view::npos;
    into.push_back(s[i]);
  }
  return i;
}

// Skips up to `most` separators (each possibly multi-byte).
std::size_t separators(std::string_view s, std::size_t i, int most) {
  for (int k = 0; k < most; ++k) {
    std::size_t n = separatorAt(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

bool plausibleDate(const std::string& ddmm) {
  int day = (ddmm[0] - '0') * 10 + (ddmm[1] - '0');
  int month = (ddmm[2] - '0') * 10 + (ddmm[3] - '0');
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

// Length of a CPR-like match starting at `i` (a digit not preceded by a digit), or 0:
//   DDMMYY, up to three separators, SSSS           (0101011234, 010101-1234, 010101 - 1234)
//   DD.MM.YY with one separator in each gap, SSSS  (01.01.01-1234, 01 01 01 1234)
//   DMMYY SSSS: nine digits, a CPR number whose leading zero a spreadsheet dropped, when
//   0DMMYY is a plausible date (so that byte counts and row counts stay readable).
std::size_t cprAt(std::string_view s, std::size_t i) {
  auto endsClean = [&](std::size_t end) { return end >= s.size() || !isDigit(s[end]); };
  std::string found;

  std::size_t p = digits(s, i, 6, found);
  if (p != std::string_view::npos) {
    std::size_t q = separators(s, p, 3);
    std::size_t end = digits(s, q, 4, found);
    if (end != std::string_view::npos && endsClean(end)) return end - i;
  }

  found.clear();
  p = digits(s, i, 2, found);
  for (int group = 0; group < 2 && p != std::string_view::npos; ++group) {
    std::size_t n = separatorAt(s, p);
    p = n == 0 ? std::string_view::npos : digits(s, p + n, 2, found);
  }
  if (p != std::string_view::npos) {
    std::size_t end = digits(s, separators(s, p, 3), 4, found);
    if (end != std::string_view::npos && endsClean(end)) return end - i;
  }

  found.clear();
  found.push_back('0');
  p = digits(s, i, 5, found);
  if (p != std::string_view::npos && plausibleDate(found)) {
    std::size_t end = digits(s, separators(s, p, 3), 4, found);
    if (end != std::string_view::npos && endsClean(end)) return end - i;
  }
  return 0;
}

}  // namespace

std::string maskIdentifiers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool start = isDigit(text[i]) && (i == 0 || !isDigit(text[i - 1]));
    std::size_t n = start ? cprAt(text, i) : 0;
    if (n != 0) {
      out.append("**********");
      i += n;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

bool containsIdentifier(std::string_view text) {
  // Every form has at least nine digits: most values (dates, codes) stop here.
  int digitCount = 0;
  for (char c : text) digitCount += isDigit(c) ? 1 : 0;
  if (digitCount < 9) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (isDigit(text[i]) && (i == 0 || !isDigit(text[i - 1])) && cprAt(text, i) != 0) return true;
  return false;
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
