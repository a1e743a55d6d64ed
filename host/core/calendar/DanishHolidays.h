// The Danish public holidays (helligdage) that fall on weekdays and close the folkeskole:
// fixed dates and those counted from Easter Sunday. Grundlovsdag (5 June) is not a public
// holiday by law; a municipality that closes its schools then lists it as a closing day.
#pragma once

#include <cstdint>
#include <vector>

namespace brobyg::calendar {

// Days since 1970-01-01.
using Day = std::int64_t;

// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
Day easterSunday(int year);

// The public holidays of `year`, in order: nytårsdag, skærtorsdag, langfredag, påskedag,
// 2. påskedag, store bededag (until 2023: abolished from 2024 by lov nr. 54 of 28 February
// 2023), Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag.
std::vector<Day> danishPublicHolidays(int year);

}  // namespace brobyg::calendar
