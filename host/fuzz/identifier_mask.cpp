// Fuzz target: the log mask (util/IdentifierMask.cpp). Invariants:
//  - masking is idempotent and leaves nothing containsIdentifier would find;
//  - containsIdentifier(text) is true exactly when masking changes the text;
//  - a valid CPR number, written in any of the forms people use and set between two 'x'
//    (which neither a CPR form nor a digest can cross), never survives: the masked text is the
//    masked left part, ten '*', and the masked right part.
// The input is split: the first bytes choose the CPR number and its form, the rest is text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "util/IdentifierMask.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// Separators the mask knows: up to three inside the date, up to five before the serial number.
constexpr std::string_view kSeparators[] = {
    "-", " ", ".", "/", "_", "\t", "\xC2\xA0", "\xE2\x80\x93", "\xE2\x88\x92", " - ", " -  "};
constexpr std::size_t kDateSeparators = std::size(kSeparators) - 1;

// A CPR number with a real date, in one of the written forms, from 7 bytes of input.
std::string cprFrom(const std::uint8_t* b) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 1 + b[0] % 12;
  int day = 1 + b[1] % kDays[month - 1];
  int year = b[2] % 100;
  int serial = (b[3] << 8 | b[4]) % 10000;
  std::string_view sep = kSeparators[b[5] % std::size(kSeparators)];
  std::string_view dateSep = kSeparators[b[5] % kDateSeparators];
  std::string_view simple = kSeparators[b[5] % 6];
  char dd[3], mm[3], yy[3], ssss[5];
  std::snprintf(dd, sizeof dd, "%02d", day);
  std::snprintf(mm, sizeof mm, "%02d", month);
  std::snprintf(yy, sizeof yy, "%02d", year);
  std::snprintf(ssss, sizeof ssss, "%04d", serial);
  std::string s;
  switch (b[6] % 5) {
    case 0:  // 0101011234
      return s.append(dd).append(mm).append(yy).append(ssss);
    case 1:  // 010101-1234
      return s.append(dd).append(mm).append(yy).append(sep).append(ssss);
    case 2:  // 0101-01-1234
      return s.append(dd).append(mm).append(dateSep).append(yy).append(sep).append(ssss);
    case 3:  // 01.01.01-1234
      return s.append(dd).append(dateSep).append(mm).append(dateSep).append(yy).append(sep).append(
          ssss);
    default:  // 010101--1234
      return s.append(dd).append(mm).append(yy).append(simple).append(simple).append(ssss);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using brobyg::containsIdentifier;
  using brobyg::maskIdentifiers;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string masked = maskIdentifiers(text);
  require(maskIdentifiers(masked) == masked);
  require(!containsIdentifier(masked));
  require(containsIdentifier(text) == (masked != text));

  if (size < 8) return 0;
  const std::string cpr = cprFrom(data);
  const std::string_view rest = text.substr(7);
  const std::size_t cut = data[7] % (rest.size() + 1);
  const std::string_view left = rest.substr(0, cut), right = rest.substr(cut);
  std::string line;
  line.append(left).append("x").append(cpr).append("x").append(right);
  std::string expected = maskIdentifiers(std::string(left) + "x");
  expected.append("**********").append(maskIdentifiers("x" + std::string(right)));
  require(maskIdentifiers(line) == expected);
  return 0;
}
