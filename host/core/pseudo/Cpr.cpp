#include "pseudo/Cpr.h"

namespace brobyg::pseudo {

std::string_view describe(CprProblem problem) {
  switch (problem) {
    case CprProblem::None:
      return "valid";
    case CprProblem::WrongLength:
      return "wrong length";
    case CprProblem::NotDigits:
      return "not digits";
    case CprProblem::InvalidDate:
      return "invalid date";
    case CprProblem::FutureBirthDate:
      return "birth date in the future";
  }
  return "unknown problem";
}

namespace {
bool isBlank(char c) {
  return c == ' ' || c == '\t';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
int twoDigits(const std::array<char, 10>& d, std::size_t at) {
  return (d[at] - '0') * 10 + (d[at + 1] - '0');
}

// The century rule of the CPR office, keyed by the 7th digit.
int centuryOf(int seventhDigit, int yy) {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit == 4 || seventhDigit == 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

CprResult failure(CprProblem problem) {
  CprResult result;
  result.problem = problem;
  return result;
}
}  // namespace

CprResult parseCpr(std::string_view text, const Date& today) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && isBlank(text[begin])) ++begin;
  while (end > begin && isBlank(text[end - 1])) --end;
  std::string_view core = text.substr(begin, end - begin);

  CprResult result;
  auto& digits = result.cpr.digits;
  if (core.size() == 10) {
    for (std::size_t i = 0; i < 10; ++i) digits[i] = core[i];
  } else if (core.size() == 11) {
    // Eleven characters are only valid as "DDMMYY-SSSS": a digit in the separator's place
    // means one digit too many, anything else a wrong separator.
    if (core[6] != '-') {
      return failure(isDigit(core[6]) ? CprProblem::WrongLength : CprProblem::NotDigits);
    }
    for (std::size_t i = 0; i < 6; ++i) digits[i] = core[i];
    for (std::size_t i = 6; i < 10; ++i) digits[i] = core[i + 1];
  } else {
    return failure(CprProblem::WrongLength);
  }
  for (char c : digits) {
    if (!isDigit(c)) return failure(CprProblem::NotDigits);
  }

  Cpr& cpr = result.cpr;
  int yy = twoDigits(digits, 4);
  cpr.day = twoDigits(digits, 0);
  cpr.month = twoDigits(digits, 2);
  cpr.year = centuryOf(digits[6] - '0', yy) + yy;
  if (!isValidDate(cpr.year, cpr.month, cpr.day)) return failure(CprProblem::InvalidDate);
  if (cpr.birthDate() > today) return failure(CprProblem::FutureBirthDate);
  cpr.sex = (digits[9] - '0') % 2 == 1 ? Sex::Male : Sex::Female;
  return result;
}

std::string birthYearMonth(const Cpr& cpr) {
  std::string out(7, '-');
  int y = cpr.year;
  for (int i = 3; i >= 0; --i, y /= 10)
    out[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + cpr.month / 10);
  out[6] = static_cast<char>('0' + cpr.month % 10);
  return out;
}

std::optional<int> ageOn(const Cpr& cpr, const Date& on) {
  Date birth = cpr.birthDate();
  if (on < birth) return std::nullopt;
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

int ageByMonths(const Cpr& cpr, const Date& on) {
  const int age = on.year - cpr.year - (on.month <= cpr.month ? 1 : 0);
  return age < 0 ? 0 : age;
}

}  // namespace brobyg::pseudo
