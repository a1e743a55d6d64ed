#include "package/PackageId.h"

#include <openssl/rand.h>

#include <algorithm>
#include <chrono>

#include "package/TextShape.h"
#include "util/Error.h"
#include "util/Hex.h"

namespace brobyg::package {

namespace {
std::tm utcTime(std::time_t t) {
  std::tm tm{};
#ifdef _WIN32
  gmtime_s(&tm, &t);
#else
  gmtime_r(&t, &tm);
#endif
  return tm;
}
}  // namespace

std::string newPackageId(std::time_t now) {
  std::tm tm = utcTime(now);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  // About one random part in twenty would hold nine or more decimal digits in a row, which
  // the logs' CPR mask hides: such ids are drawn again, so an id always reads the same.
  for (;;) {
    unsigned char random[8];
    if (RAND_bytes(random, sizeof random) != 1) throw Error("package id: no random bytes");
    std::string hex = toHex(random, sizeof random);
    int run = 0, longest = 0;
    for (char c : hex) {
      run = (c >= '0' && c <= '9') ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    if (longest < 9) return std::string(stamp) + "-" + hex;
  }
}

std::string newPackageId() {
  return newPackageId(std::time(nullptr));
}

bool isValidPackageId(std::string_view id) {
  return matchesShape(id, "99999999T999999Z-hhhhhhhhhhhhhhhh");
}

std::string isoUtc(std::time_t t) {
  std::tm tm = utcTime(t);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::time_t parseIsoUtc(const std::string& text) {
  // Matched by hand: std::regex recurses per character (package/TextShape.h). The text is not
  // repeated in the errors, it may be outside input of any length.
  if (!matchesShape(text, "9999-99-99T99:99:99Z")) throw Error("not a UTC timestamp");
  auto number = [&](std::size_t at, std::size_t digits) {
    return std::stoi(text.substr(at, digits));
  };
  using namespace std::chrono;
  year_month_day date{year{number(0, 4)}, month{unsigned(number(5, 2))},
                      day{unsigned(number(8, 2))}};
  int h = number(11, 2), min = number(14, 2), s = number(17, 2);
  if (!date.ok() || h > 23 || min > 59 || s > 60) throw Error("not a valid UTC time");
  // In seconds: the system clock's nanoseconds end in 2262, and outside input may say 9999.
  const sys_seconds t = sys_days(date) + hours(h) + minutes(min) + seconds(s);
  return static_cast<std::time_t>(t.time_since_epoch().count());
}

}  // namespace brobyg::package
