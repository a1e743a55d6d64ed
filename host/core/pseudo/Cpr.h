#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "pseudo/Date.h"

namespace brobyg::pseudo {

enum class Sex { Female, Male };

// A valid CPR number, normalised to its 10 digits, with what it tells about the person.
struct Cpr {
  std::array<char, 10> digits{};
  int year = 0;
  int month = 0;
  int day = 0;
  Sex sex = Sex::Female;

  std::string_view text() const { return {digits.data(), digits.size()}; }
  Date birthDate() const { return Date{year, month, day}; }
};

// Why a text is not a CPR number. Deliberately carries no part of the text, so that it can
// go into quarantine reasons and logs.
enum class CprProblem { None, WrongLength, NotDigits, InvalidDate, FutureBirthDate };

// A short English reason such as "wrong length"; never contains the value.
std::string_view describe(CprProblem problem);

struct CprResult {
  Cpr cpr;
  CprProblem problem = CprProblem::None;
  bool ok() const { return problem == CprProblem::None; }
};

// Parses "DDMMYYSSSS" or "DDMMYY-SSSS" with surrounding spaces or tabs. The century comes
// from the 7th digit (DESIGN §4); the date must exist and not be after `today`. No modulus 11
// check (not guaranteed since 2007). Allocation-free: called once per row.
CprResult parseCpr(std::string_view text, const Date& today);

// "yyyy-mm" of the birth date. Seven characters, so the string stays in its small buffer.
std::string birthYearMonth(const Cpr& cpr);

// Age in whole years on `on`; empty when `on` is before the birth date. Someone born on
// 29 February becomes a year older on 1 March in common years.
std::optional<int> ageOn(const Cpr& cpr, const Date& on);

// Age in whole years at the end of the month before `on`, from the birth year and month only
// (0 in the birth month). What datasets publish: ageOn's birthday steps, seen across a
// person's many dated rows, would give away the day of birth, and with it most of the CPR
// number. Derivable from the published birth month and date, so it adds nothing to them.
int ageByMonths(const Cpr& cpr, const Date& on);

}  // namespace brobyg::pseudo
