#include "TestSupport.h"

#include <filesystem>

#include <unistd.h>

namespace brobyg::dataset::testing {
namespace fs = std::filesystem;

std::string freshDir(const std::string& name) {
  // ctest runs each test in its own process, several at a time: the pid keeps them apart.
  fs::path dir = fs::path(BROBYG_BINARY_DIR) / "test-tmp" / "dataset" /
                 (std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::uint64_t AbsenceRows::random() {  // splitmix64
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

const std::array<std::string_view, AbsenceRows::kColumns>& AbsenceRows::next() {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
  static constexpr std::string_view kCategories[] = {"sick", "authorised", "unauthorised",
                                                     "unknown"};
  std::string& person = storage_[0];
  person.assign(26, 'a');
  for (char& c : person) c = kAlphabet[random() % 32];
  const unsigned birthYear = 2009 + static_cast<unsigned>(random() % 11);
  const unsigned month = 1 + static_cast<unsigned>(random() % 12);
  const unsigned day = 1 + static_cast<unsigned>(random() % 28);
  const unsigned age = 2025 - birthYear;
  const bool lesson = random() % 4 == 0;
  storage_[1] = std::to_string(birthYear) + (month < 10 ? "-0" : "-") + std::to_string(month);
  storage_[2] = random() % 2 ? "male" : "female";
  storage_[3] = std::to_string(age);
  storage_[4] = "0101";
  storage_[5] = std::to_string(101000 + random() % 40);
  storage_[6] = random() % 10 == 0 ? "" : std::to_string(age > 16 ? 10 : age - 6);
  storage_[7] = "2025-" + std::string(month < 10 ? "0" : "") + std::to_string(month) +
                (day < 10 ? "-0" : "-") + std::to_string(day);
  storage_[8] = lesson ? "lesson" : "day";
  storage_[9] = lesson ? std::to_string(1 + random() % 8) : "";
  storage_[10] = kCategories[random() % 4];
  storage_[11] = "csv:skole1";
  for (std::size_t i = 0; i < kColumns; ++i) row_[i] = storage_[i];
  return row_;
}

}  // namespace brobyg::dataset::testing
