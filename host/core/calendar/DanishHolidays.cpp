#include "calendar/DanishHolidays.h"

#include "schedule/CivilTime.h"

namespace brobyg::calendar {

Day easterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return schedule::daysFromCivil(year, month, day);
}

std::vector<Day> danishPublicHolidays(int year) {
  const Day easter = easterSunday(year);
  std::vector<Day> days{schedule::daysFromCivil(year, 1, 1), easter - 3, easter - 2, easter,
                        easter + 1};
  if (year <= 2023) days.push_back(easter + 26);  // store bededag, the fourth Friday after
  days.insert(days.end(),
              {easter + 39, easter + 49, easter + 50, schedule::daysFromCivil(year, 12, 25),
               schedule::daysFromCivil(year, 12, 26)});
  return days;
}

}  // namespace brobyg::calendar
