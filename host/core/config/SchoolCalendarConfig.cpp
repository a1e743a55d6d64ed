#include "config/SchoolCalendarConfig.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <set>
#include <sstream>

#include "pseudo/Date.h"
#include "schedule/CivilTime.h"
#include "util/MunicipalityCode.h"

namespace brobyg::config {

namespace {

using calendar::Day;
using calendar::DayRange;

// Folkeskoleloven § 14 a: teaching is planned within 200 school days a year.
constexpr int kSchoolDaysByLaw = 200;
constexpr int kMaxLessonsPerDay = 12;
constexpr int kLastGrade = 10;
constexpr int kFirstYear = 1990, kLastYear = 2100;

class CalendarReader {
 public:
  CalendarReader(const std::function<long(const pugi::xml_node&)>& lineOf, Problems& problems)
      : lineOf_(lineOf), problems_(problems) {}

  void error(const pugi::xml_node& node, const std::string& text) {
    problems_.push_back(Problem::error(lineOf_(node), text));
  }
  void warning(const pugi::xml_node& node, const std::string& text) {
    problems_.push_back(Problem::warning(lineOf_(node), text));
  }

  // Only the attributes in `known`; no child elements unless `children`.
  void onlyKnown(const pugi::xml_node& node, std::initializer_list<const char*> known) {
    for (const auto& a : node.attributes())
      if (std::none_of(known.begin(), known.end(),
                       [&](const char* k) { return std::strcmp(k, a.name()) == 0; }))
        error(node,
              std::string("<") + node.name() + "> has an unknown attribute '" + a.name() + "'");
  }

  std::optional<Day> date(const pugi::xml_node& node, const char* attribute) {
    const std::string text = node.attribute(attribute).value();
    auto parsed = pseudo::parseIsoDate(text);
    // The years bound the calendar's tables (counts for each day it spans).
    if (!parsed || parsed->year < kFirstYear || parsed->year > kLastYear) {
      error(node, std::string("<") + node.name() + " " + attribute +
                      "> must be a date yyyy-mm-dd from " + std::to_string(kFirstYear) + " to " +
                      std::to_string(kLastYear));
      return std::nullopt;
    }
    return schedule::daysFromCivil(parsed->year, parsed->month, parsed->day);
  }

  std::optional<DayRange> range(const pugi::xml_node& node) {
    auto first = date(node, "first"), last = date(node, "last");
    if (!first || !last) return std::nullopt;
    if (*last < *first) {
      error(node, std::string("<") + node.name() + "> ends before it begins (first > last)");
      return std::nullopt;
    }
    return DayRange{*first, *last};
  }

  void schoolYear(const pugi::xml_node& node, SchoolCalendarConfig& out) {
    onlyKnown(node, {"first", "last"});
    auto year = range(node);
    if (!year) return;
    if (year->last - year->first > 366) return error(node, "<school-year> is longer than a year");
    for (const DayRange& other : out.spec.schoolYears)
      if (year->first <= other.last && other.first <= year->last)
        return error(node, "<school-year> overlaps another school year");
    out.spec.schoolYears.push_back(*year);
    yearLines_.push_back(lineOf_(node));
  }

  void holiday(const pugi::xml_node& node, SchoolCalendarConfig& out) {
    onlyKnown(node, {"first", "last", "name"});
    if (auto holiday = range(node)) {
      out.spec.holidays.push_back(*holiday);
      closedNodes_.emplace_back(node, *holiday);
    }
  }

  void closed(const pugi::xml_node& node, SchoolCalendarConfig& out) {
    onlyKnown(node, {"day", "name"});
    if (auto day = date(node, "day")) {
      out.spec.closingDays.push_back(*day);
      closedNodes_.emplace_back(node, DayRange{*day, *day});
    }
  }

  // grades="0-3" or grades="7"; per-day="6" or week="6 6 7 6 5" (Monday to Friday).
  void lessons(const pugi::xml_node& node, SchoolCalendarConfig& out) {
    onlyKnown(node, {"grades", "per-day", "week"});
    calendar::PlannedLessons plan;
    if (!grades(node.attribute("grades").value(), plan))
      return error(node, "<lessons grades> must be a grade or a range such as 0-3 (grades 0 to " +
                             std::to_string(kLastGrade) + ")");
    const bool perDay = node.attribute("per-day"), week = node.attribute("week");
    if (perDay == week) return error(node, "<lessons> needs either per-day or week");
    std::istringstream numbers(node.attribute(perDay ? "per-day" : "week").value());
    std::vector<int> values;
    for (std::string word; numbers >> word;) {
      if (word.empty() || word.size() > 2 ||
          !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          std::stoi(word) > kMaxLessonsPerDay)
        return error(node, "<lessons> counts must be whole numbers from 0 to " +
                               std::to_string(kMaxLessonsPerDay));
      values.push_back(std::stoi(word));
    }
    if (values.size() != (perDay ? 1u : 5u))
      return error(node, perDay ? "<lessons per-day> must be one number"
                                : "<lessons week> must be five numbers, Monday to Friday");
    for (std::size_t w = 0; w < 5; ++w) plan.perWeekday[w] = values[perDay ? 0 : w];
    for (const auto& other : out.spec.lessons)
      if (plan.firstGrade <= other.lastGrade && other.firstGrade <= plan.lastGrade)
        return error(node, "<lessons grades> overlaps another <lessons> of this calendar");
    out.spec.lessons.push_back(plan);
  }

  // Warnings that do not stop a run but that an admin wants to see in `brobyg check`.
  void review(const pugi::xml_node& node, const SchoolCalendarConfig& out) {
    if (out.spec.schoolYears.empty())
      error(node, "<school-calendar> needs at least one <school-year>");
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    for (const auto& closed : closedNodes_) {
      const DayRange days = closed.second;
      if (std::none_of(
              out.spec.schoolYears.begin(), out.spec.schoolYears.end(),
              [&](const DayRange& y) { return days.first <= y.last && y.first <= days.last; }))
        warning(closed.first, std::string("<") + closed.first.name() +
                                  "> lies outside every <school-year>: it changes nothing");
    }
    const calendar::SchoolCalendar calendar(out.spec);
    for (std::size_t i = 0; i < out.spec.schoolYears.size(); ++i) {
      const int days = calendar.schoolDays(out.spec.schoolYears[i]);
      if (days != kSchoolDaysByLaw)
        problems_.push_back(Problem::warning(
            yearLines_[i], "<school-year> has " + std::to_string(days) + " school days, not the " +
                               std::to_string(kSchoolDaysByLaw) +
                               " of folkeskoleloven § 14 a: check its holidays and closing days"));
    }
  }

 private:
  static bool grades(const std::string& text, calendar::PlannedLessons& plan) {
    const std::size_t dash = text.find('-');
    auto number = [](const std::string& s, int& out) {
      if (s.empty() || s.size() > 2 ||
          !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
      out = std::stoi(s);
      return out <= kLastGrade;
    };
    if (!number(text.substr(0, dash), plan.firstGrade)) return false;
    if (dash == std::string::npos) {
      plan.lastGrade = plan.firstGrade;
      return true;
    }
    return number(text.substr(dash + 1), plan.lastGrade) && plan.firstGrade <= plan.lastGrade;
  }

  const std::function<long(const pugi::xml_node&)>& lineOf_;
  Problems& problems_;
  std::vector<long> yearLines_;  // the line of each of the spec's school years, in order
  std::vector<std::pair<pugi::xml_node, DayRange>> closedNodes_;
};

}  // namespace

SchoolCalendarConfig readSchoolCalendar(const pugi::xml_node& node,
                                        const std::function<long(const pugi::xml_node&)>& lineOf,
                                        Problems& problems) {
  CalendarReader r(lineOf, problems);
  SchoolCalendarConfig out;
  out.line = lineOf(node);
  r.onlyKnown(node, {"municipality", "public-holidays"});
  const std::string municipality = node.attribute("municipality").value();
  if (auto canonical = canonicalMunicipality(municipality))
    out.spec.municipality = std::string(*canonical);
  else
    r.error(node, "<school-calendar municipality> must be a 3 or 4 digit kommunekode");
  const std::string holidays = node.attribute("public-holidays").as_string("dk");
  if (holidays != "dk" && holidays != "none")
    r.error(node, "<school-calendar public-holidays> must be dk or none");
  out.spec.danishPublicHolidays = holidays == "dk";
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    if (name == "school-year")
      r.schoolYear(child, out);
    else if (name == "holiday")
      r.holiday(child, out);
    else if (name == "closed")
      r.closed(child, out);
    else if (name == "lessons")
      r.lessons(child, out);
    else
      r.error(child, "<school-calendar> does not know <" + name + ">");
  }
  r.review(node, out);
  return out;
}

void checkSchoolCalendars(const std::vector<SchoolCalendarConfig>& calendars, Problems& problems) {
  std::set<std::string> seen;
  for (const SchoolCalendarConfig& c : calendars)
    if (!c.spec.municipality.empty() && !seen.insert(c.spec.municipality).second)
      problems.push_back(Problem::error(
          c.line, "a second <school-calendar> for municipality " + c.spec.municipality));
}

}  // namespace brobyg::config
