// <school-calendar> read from XML: what is accepted, and a problem naming the element for each
// wrong part.
#include "config/SchoolCalendarConfig.h"

#include "config/ConfigLoader.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>

#include "NaiveCalendar.h"

namespace brobyg::config {
namespace {

using calendar::test::dayNumber;
using calendar::test::ymd;

struct Read {
  SchoolCalendarConfig calendar;
  Problems problems;

  bool has(long line, const std::string& text, bool warning = false) const {
    return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
      return p.line == line && p.isWarning() == warning &&
             p.message.find(text) != std::string::npos;
    });
  }
  std::string dump() const { return formatProblems("cfg", problems); }
};

Read read(const std::string& xml) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str()));
  auto lineOf = [&](const pugi::xml_node& node) {
    const auto offset = static_cast<std::size_t>(node.offset_debug());
    return 1 + static_cast<long>(std::count(xml.begin(), xml.begin() + offset, '\n'));
  };
  Read out;
  out.calendar = readSchoolCalendar(doc.document_element(), lineOf, out.problems);
  return out;
}

TEST(SchoolCalendarConfig, ReadsYearsHolidaysClosingDaysAndLessons) {
  const Read r = read(R"(<school-calendar municipality="0101">
  <school-year first="2026-08-10" last="2027-06-25"/>
  <holiday first="2026-10-12" last="2026-10-16" name="efterårsferie"/>
  <closed day="2027-06-04" name="dagen før grundlovsdag"/>
  <lessons grades="0-3" per-day="6"/>
  <lessons grades="4-9" week="7 7 7 7 6"/>
</school-calendar>)");
  const calendar::SchoolCalendarSpec& spec = r.calendar.spec;
  EXPECT_EQ(spec.municipality, "101");
  ASSERT_EQ(spec.schoolYears.size(), 1u);
  EXPECT_EQ(spec.schoolYears[0].first, dayNumber(ymd(2026, 8, 10)));
  ASSERT_EQ(spec.holidays.size(), 1u);
  EXPECT_EQ(spec.holidays[0].last, dayNumber(ymd(2026, 10, 16)));
  EXPECT_EQ(spec.closingDays, std::vector<calendar::Day>{dayNumber(ymd(2027, 6, 4))});
  EXPECT_TRUE(spec.danishPublicHolidays);
  ASSERT_EQ(spec.lessons.size(), 2u);
  EXPECT_EQ(spec.lessons[0].perWeekday, (std::array<int, 5>{6, 6, 6, 6, 6}));
  EXPECT_EQ(spec.lessons[1].firstGrade, 4);
  EXPECT_EQ(spec.lessons[1].perWeekday, (std::array<int, 5>{7, 7, 7, 7, 6}));
  // Without the other holidays the year has more than 200 school days: a warning on its line.
  EXPECT_TRUE(r.has(2, "not the 200 of folkeskoleloven", true)) << r.dump();
  EXPECT_FALSE(hasErrors(r.problems)) << r.dump();
}

TEST(SchoolCalendarConfig, EveryWrongPartIsAnErrorOnItsLine) {
  const Read r = read(R"(<school-calendar municipality="12" public-holidays="se" colour="x">
  <school-year first="2026-08-10" last="2026-08-01"/>
  <school-year first="2026-02-30" last="2227-06-25"/>
  <school-year first="2026-08-10" last="2027-06-25"/>
  <school-year first="2027-06-01" last="2027-07-01"/>
  <lessons grades="0-11" per-day="6"/>
  <lessons grades="3-1" per-day="6"/>
  <lessons grades="0-3" per-day="6" week="1 1 1 1 1"/>
  <lessons grades="0-3" week="6 6 6 6"/>
  <lessons grades="0-3" per-day="13"/>
  <lessons grades="0-3" per-day="6"/>
  <lessons grades="2-5" per-day="6"/>
  <vacation/>
</school-calendar>)");
  EXPECT_TRUE(r.has(1, "kommunekode")) << r.dump();
  EXPECT_TRUE(r.has(1, "public-holidays> must be dk or none")) << r.dump();
  EXPECT_TRUE(r.has(1, "unknown attribute 'colour'")) << r.dump();
  EXPECT_TRUE(r.has(2, "ends before it begins")) << r.dump();
  EXPECT_TRUE(r.has(3, "<school-year first> must be a date")) << r.dump();
  EXPECT_TRUE(r.has(3, "<school-year last> must be a date yyyy-mm-dd from 1990 to 2100"))
      << r.dump();
  EXPECT_TRUE(r.has(5, "overlaps another school year")) << r.dump();
  EXPECT_TRUE(r.has(6, "<lessons grades> must be")) << r.dump();
  EXPECT_TRUE(r.has(7, "<lessons grades> must be")) << r.dump();
  EXPECT_TRUE(r.has(8, "either per-day or week")) << r.dump();
  EXPECT_TRUE(r.has(9, "five numbers")) << r.dump();
  EXPECT_TRUE(r.has(10, "from 0 to 12")) << r.dump();
  EXPECT_TRUE(r.has(12, "overlaps another <lessons>")) << r.dump();
  EXPECT_TRUE(r.has(13, "does not know <vacation>")) << r.dump();
}

TEST(SchoolCalendarConfig, AHolidayOutsideEverySchoolYearIsAWarning) {
  const Read r = read(R"(<school-calendar municipality="101" public-holidays="none">
  <school-year first="2026-08-10" last="2027-06-25"/>
  <holiday first="2027-07-01" last="2027-07-31"/>
</school-calendar>)");
  EXPECT_TRUE(r.has(3, "outside every <school-year>", true)) << r.dump();
  EXPECT_FALSE(r.calendar.spec.danishPublicHolidays);
}

TEST(SchoolCalendarConfig, NoSchoolYearIsAnError) {
  const Read r = read(R"(<school-calendar municipality="101"/>)");
  EXPECT_TRUE(r.has(1, "needs at least one <school-year>")) << r.dump();
}

// The example configuration's calendar is complete: 200 school days in each of its school
// years (2025/26, the demo's data, and 2026/27), no warning.
TEST(SchoolCalendarConfig, TheExampleConfigurationsCalendarHasTheSchoolDaysOfTheLaw) {
  Problems problems;
  const Config config =
      parseConfig(std::string(BROBYG_SOURCE_DIR) + "/config/brobyg.example.xml", problems);
  EXPECT_TRUE(problems.empty()) << formatProblems("example", problems);
  ASSERT_EQ(config.schoolCalendars.size(), 1u);
  const calendar::SchoolCalendar calendar(config.schoolCalendars[0].spec);
  EXPECT_EQ(calendar.municipality(), "101");
  ASSERT_EQ(calendar.schoolYears().size(), 2u);
  for (const auto& year : calendar.schoolYears()) EXPECT_EQ(calendar.schoolDays(year), 200);
}

TEST(SchoolCalendarConfig, OneCalendarPerMunicipality) {
  std::vector<SchoolCalendarConfig> calendars(2);
  calendars[0].line = 10;
  calendars[0].spec.municipality = "101";
  calendars[1].line = 20;
  calendars[1].spec.municipality = "101";
  Problems problems;
  checkSchoolCalendars(calendars, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 20);
}

}  // namespace
}  // namespace brobyg::config
