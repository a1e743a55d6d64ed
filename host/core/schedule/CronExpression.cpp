#include "schedule/CronExpression.h"

#include <array>
#include <cctype>
#include <sstream>
#include <vector>

#include "schedule/CivilTime.h"
#include "util/Error.h"

namespace brobyg::schedule {

namespace {

struct Field {
  const char* name;
  int min;
  int max;
  const char* const* names;  // indexed from `min`, or null
};

const char* const kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",  "jul",
                                   "aug", "sep", "oct", "nov", "dec", nullptr};
const char* const kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr};

const Field kFields[] = {
    {"minute", 0, 59, nullptr},       {"hour", 0, 23, nullptr},
    {"day-of-month", 1, 31, nullptr}, {"month", 1, 12, kMonthNames},
    {"day-of-week", 0, 7, kDayNames},
};

}  // namespace

class CronParser {
 public:
  explicit CronParser(const std::string& text) : text_(text) {}

  CronExpression parse() {
    const std::string expanded = shorthand(text_);
    std::istringstream in(expanded);
    std::vector<std::string> parts;
    for (std::string part; in >> part;) parts.push_back(part);
    if (parts.size() != 5)
      fail("needs five fields (minute hour day-of-month month day-of-week), found " +
           std::to_string(parts.size()));
    CronExpression e;
    std::array<std::bitset<64>, 5> sets;
    for (std::size_t i = 0; i < 5; ++i) sets[i] = field(parts[i], kFields[i]);
    for (int v = 0; v < 60; ++v) e.minutes_[v] = sets[0][v];
    for (int v = 0; v < 24; ++v) e.hours_[v] = sets[1][v];
    for (int v = 1; v <= 31; ++v) e.daysOfMonth_[v] = sets[2][v];
    for (int v = 1; v <= 12; ++v) e.months_[v] = sets[3][v];
    for (int v = 0; v < 7; ++v) e.daysOfWeek_[v] = sets[4][v] || (v == 0 && sets[4][7]);
    e.everyHour_ = e.hours_.all();
    e.domRestricted_ = parts[2][0] != '*';
    e.dowRestricted_ = parts[4][0] != '*';
    if (e.domRestricted_ && !e.dowRestricted_) requireReachableDay(e);
    return e;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    const std::string shown = text_.size() > 64 ? text_.substr(0, 64) + "..." : text_;
    throw Error("schedule \"" + shown + "\": " + why);
  }

  std::string shorthand(const std::string& text) const {
    if (text.empty() || text[0] != '@') return text;
    if (text == "@hourly") return "0 * * * *";
    if (text == "@daily" || text == "@midnight") return "0 0 * * *";
    if (text == "@weekly") return "0 0 * * 0";
    if (text == "@monthly") return "0 0 1 * *";
    if (text == "@yearly" || text == "@annually") return "0 0 1 1 *";
    fail("unknown shorthand (use @hourly, @daily, @weekly, @monthly or @yearly)");
  }

  int value(const std::string& token, const Field& f) const {
    if (token.empty()) fail(std::string(f.name) + " has an empty value");
    if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      if (token.size() > 3 || token.find_first_not_of("0123456789") != std::string::npos)
        fail(std::string(f.name) + " '" + clip(token) + "' is not a number");
      const int v = std::stoi(token);
      if (v < f.min || v > f.max)
        fail(std::string(f.name) + " " + token + " is out of range " + std::to_string(f.min) + "-" +
             std::to_string(f.max));
      return v;
    }
    if (f.names != nullptr) {
      std::string lower;
      for (char c : token) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (int i = 0; f.names[i] != nullptr; ++i)
        if (lower == f.names[i]) return f.min + i;
    }
    fail(std::string(f.name) + " '" + clip(token) + "' is not " +
         (f.names != nullptr ? "a number or a name" : "a number"));
  }

  static std::string clip(const std::string& s) { return s.size() > 16 ? s.substr(0, 16) : s; }

  // One comma-separated list of one field.
  std::bitset<64> field(const std::string& text, const Field& f) const {
    std::bitset<64> set;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = text.find(',', start);
      element(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start), f,
              set);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return set;
  }

  void element(const std::string& item, const Field& f, std::bitset<64>& set) const {
    std::string range = item;
    int step = 1;
    if (const std::size_t slash = item.find('/'); slash != std::string::npos) {
      range = item.substr(0, slash);
      const std::string stepText = item.substr(slash + 1);
      if (stepText.empty() || stepText.size() > 3 ||
          stepText.find_first_not_of("0123456789") != std::string::npos)
        fail(std::string(f.name) + " step '" + clip(stepText) + "' is not a number");
      step = std::stoi(stepText);
      if (step < 1 || step > f.max)
        fail(std::string(f.name) + " step " + stepText + " is out of range 1-" +
             std::to_string(f.max));
    }
    int low = f.min, high = f.max;
    if (range != "*") {
      const std::size_t dash = range.find('-');
      low = value(range.substr(0, dash), f);
      high = low;
      if (dash != std::string::npos)
        high = value(range.substr(dash + 1), f);
      else if (step != 1)
        high = f.max;  // n/step: from n to the end
      if (high < low)
        fail(std::string(f.name) + " range " + std::to_string(low) + "-" + std::to_string(high) +
             " is backwards");
    }
    for (int v = low; v <= high; v += step) set[static_cast<std::size_t>(v)] = true;
  }

  // "0 0 31 2 *" would never run: say so instead of waiting forever.
  void requireReachableDay(const CronExpression& e) const {
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= daysInMonth(2000, m); ++d)  // 2000: a leap year, so 29 February counts
        if (e.months_[m] && e.daysOfMonth_[d]) return;
    fail("day-of-month never falls in the months given");
  }

  const std::string& text_;
};

CronExpression CronExpression::parse(const std::string& text) {
  return CronParser(text).parse();
}

bool CronExpression::matchesDay(std::int64_t days) const {
  const CivilTime date = civilFromDays(days);
  if (!months_[date.month]) return false;
  const bool dom = daysOfMonth_[date.day];
  const bool dow = daysOfWeek_[weekdayFromDays(days)];
  return domRestricted_ && dowRestricted_ ? (dom || dow) : (dom && dow);
}

void CronExpression::instantsOf(std::int64_t naive, const TimeZone& zone, std::int64_t out[2],
                                int& count) const {
  // The offsets in force around this local time (transitions are far more than 13 h apart).
  count = 0;
  for (int k = -2; k <= 2; ++k) {
    const int offset = zone.offsetAt(naive + k * 13 * 3600);
    const std::int64_t instant = naive - offset;
    if (zone.offsetAt(instant) != offset) continue;
    bool seen = false;
    for (int i = 0; i < count; ++i) seen = seen || out[i] == instant;
    if (seen) continue;
    if (count == 2) break;
    out[count++] = instant;
  }
  if (count == 2) {
    if (out[1] < out[0]) std::swap(out[0], out[1]);
    if (!everyHour_) count = 1;  // a fixed time in a repeated hour runs once, the first time
    return;
  }
  if (count == 1) return;
  // A gap: the first instant whose local time is at or after `naive` (the end of the gap).
  const int before = zone.offsetAt(naive - 26 * 3600);
  const int after = zone.offsetAt(naive + 26 * 3600);
  std::int64_t low = naive - std::max(before, after), high = naive - std::min(before, after);
  while (low < high) {
    const std::int64_t mid = low + (high - low) / 2;
    if (mid + zone.offsetAt(mid) >= naive)
      high = mid;
    else
      low = mid + 1;
  }
  out[count++] = low;
}

std::optional<std::int64_t> CronExpression::nextAfter(std::int64_t after,
                                                      const TimeZone& zone) const {
  constexpr std::int64_t kLimit = std::int64_t{1} << 40;
  if (after < -kLimit || after > kLimit) return std::nullopt;
  constexpr std::int64_t kSlack = TimeZone::kMaxOffset;
  // Start a day early: in a repeated hour, an earlier wall-clock time can be a later instant.
  const std::int64_t firstDay = (after - kSlack) / 86400 - 1;
  std::optional<std::int64_t> best;
  for (std::int64_t day = firstDay; day < firstDay + 366 * 30; ++day) {
    if (best && day * 86400 - kSlack > *best) break;
    if (!matchesDay(day)) continue;
    for (int h = 0; h < 24; ++h) {
      if (!hours_[h]) continue;
      for (int m = 0; m < 60; ++m) {
        if (!minutes_[m]) continue;
        const std::int64_t naive = day * 86400 + h * 3600 + m * 60;
        if (naive + kSlack <= after) continue;  // every instant of it is long past
        if (best && naive - kSlack > *best) return best;
        std::int64_t instants[2];
        int count = 0;
        instantsOf(naive, zone, instants, count);
        for (int i = 0; i < count; ++i)
          if (instants[i] > after && (!best || instants[i] < *best)) best = instants[i];
      }
    }
  }
  return best;
}

}  // namespace brobyg::schedule
