// <school-calendar>: a municipality's school years, holidays, closing days and planned
// lessons (issue 15), read into calendar::SchoolCalendarSpec with a problem per wrong part.
#pragma once

#include <functional>
#include <vector>

#include "calendar/SchoolCalendar.h"
#include "util/Problem.h"

namespace pugi {
class xml_node;
}

namespace brobyg::config {

struct SchoolCalendarConfig {
  long line = 0;
  calendar::SchoolCalendarSpec spec;
};

// Reads one <school-calendar>. `lineOf` gives a node's line in the configuration file.
SchoolCalendarConfig readSchoolCalendar(const pugi::xml_node& node,
                                        const std::function<long(const pugi::xml_node&)>& lineOf,
                                        Problems& problems);

// Across calendars: one per municipality.
void checkSchoolCalendars(const std::vector<SchoolCalendarConfig>& calendars, Problems& problems);

}  // namespace brobyg::config
