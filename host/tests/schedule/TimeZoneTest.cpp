#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <random>

#include "ScheduleTestSupport.h"
#include "schedule/PosixTzRule.h"
#include "schedule/TimeZone.h"
#include "schedule/ZoneDatabase.h"
#include "util/Error.h"

namespace brobyg::schedule {
namespace {

using test::utc;

std::string zoneFile(const std::string& name) {
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// glibc's own reading of the same zone: the oracle. Not on Windows, whose C runtime reads no
// IANA zones; the fixed instants below check the zones there.
#ifndef _WIN32
int glibcOffset(const std::string& zone, std::int64_t at) {
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return static_cast<int>(tm.tm_gmtoff);
}

class AgreesWithGlibc : public ::testing::TestWithParam<const char*> {};

TEST_P(AgreesWithGlibc, AtRandomTimesAndAroundEveryChange) {
  const std::string name = GetParam();
  const auto zone = loadTimeZone(name);
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> any(utc(1900, 1, 1), utc(2099, 12, 31));
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t at = any(random);
    ASSERT_EQ(zone->offsetAt(at), glibcOffset(name, at)) << name << " at " << at;
  }
  // Every hour of 2025-2040: past the data of a slim file, where the footer rule decides.
  for (std::int64_t at = utc(2025, 1, 1); at < utc(2040, 1, 1); at += 3600)
    ASSERT_EQ(zone->offsetAt(at), glibcOffset(name, at)) << name << " at " << at;
}

INSTANTIATE_TEST_SUITE_P(Zones, AgreesWithGlibc,
                         ::testing::Values("Europe/Copenhagen", "Australia/Sydney",
                                           "America/New_York", "Asia/Kolkata", "UTC"));
#endif

TEST(TimeZone, CopenhagenChangesOnTheLastSundays) {
  const auto cph = loadTimeZone("Europe/Copenhagen");
  EXPECT_EQ(cph->offsetAt(utc(2026, 3, 29, 0, 59)), 3600);
  EXPECT_EQ(cph->offsetAt(utc(2026, 3, 29, 1, 0)), 7200);
  EXPECT_EQ(cph->offsetAt(utc(2026, 10, 25, 0, 59)), 7200);
  EXPECT_EQ(cph->offsetAt(utc(2026, 10, 25, 1, 0)), 3600);
}

TEST(PosixTzRule, NorthernAndSouthernRules) {
  const PosixTzRule cet = PosixTzRule::parse("CET-1CEST,M3.5.0,M10.5.0/3");
  EXPECT_EQ(cet.offsetAt(utc(2031, 3, 30, 0, 59)), 3600);
  EXPECT_EQ(cet.offsetAt(utc(2031, 3, 30, 1, 0)), 7200);
  EXPECT_EQ(cet.offsetAt(utc(2031, 10, 26, 1, 0)), 3600);
  // Sydney: summer time from the first Sunday of October to the first Sunday of April.
  const PosixTzRule aest = PosixTzRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  EXPECT_EQ(aest.offsetAt(utc(2031, 1, 15)), 11 * 3600);
  EXPECT_EQ(aest.offsetAt(utc(2031, 7, 15)), 10 * 3600);
  EXPECT_EQ(PosixTzRule::parse("<+0530>-5:30").offsetAt(0), 5 * 3600 + 1800);
  EXPECT_EQ(PosixTzRule::parse("EST5").offsetAt(0), -5 * 3600);
  for (const char* bad : {"", "C1", "CET", "CET-1CEST", "CET-1CEST,M13.5.0,M10.5.0",
                          "CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,M10.5.0/3x", "<AB>1", "CET-99"})
    EXPECT_THROW(PosixTzRule::parse(bad), Error) << bad;
}

TEST(Tzif, EveryTruncationIsRefusedCleanly) {
  const std::string whole = zoneFile("Europe/Copenhagen");
  ASSERT_GT(whole.size(), 100u);
  int refused = 0;
  for (std::size_t n = 0; n < whole.size(); ++n) {
    try {
      TimeZone::fromTzif(std::string_view(whole).substr(0, n), "cut");
    } catch (const Error& e) {
      ++refused;
      EXPECT_NE(std::string(e.what()).find("time zone 'cut': not a valid TZif file"),
                std::string::npos);
    }
  }
  EXPECT_EQ(refused, static_cast<int>(whole.size())) << "a cut file must never pass";
}

TEST(Tzif, RefusesWhatItCannotUse) {
  auto errorOf = [](std::string data) {
    try {
      TimeZone::fromTzif(data, "z");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  std::string bad = zoneFile("Europe/Copenhagen");
  bad[0] = 'X';
  EXPECT_EQ(errorOf(bad), "time zone 'z': not a valid TZif file (no TZif magic)");
  bad = zoneFile("Europe/Copenhagen");
  bad[4] = '9';
  EXPECT_EQ(errorOf(bad), "time zone 'z': not a valid TZif file (unknown version)");
  const std::string leap = zoneFile("right/UTC");
  if (!leap.empty()) {
    EXPECT_EQ(errorOf(leap),
              "time zone 'z': not a valid TZif file (leap-second zones are not supported)");
  }
  EXPECT_THROW(loadTimeZone("Europe/Nowhere"), Error);
  EXPECT_THROW(loadTimeZone("Europe"), Error) << "a folder is not a zone";
  EXPECT_FALSE(isZoneName("../../etc/passwd"));
  EXPECT_FALSE(isZoneName("/etc/passwd"));
  EXPECT_FALSE(isZoneName("Europe//Copenhagen"));
  EXPECT_FALSE(isZoneName("Europe/.hidden"));
  EXPECT_TRUE(isZoneName("America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(isZoneName("Etc/GMT-1"));
}

}  // namespace
}  // namespace brobyg::schedule
