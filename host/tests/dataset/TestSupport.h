#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

// Helpers shared by the dataset tests and the writer benchmark.
namespace brobyg::dataset::testing {

// A fresh, empty folder for one test.
std::string freshDir(const std::string& name);

// Plausible absence_event rows, valid against schemas/absence_event.xsd, made from a seed.
class AbsenceRows {
 public:
  static constexpr std::size_t kColumns = 12;
  explicit AbsenceRows(std::uint64_t seed) : state_(seed) {}
  // Fills the next row; the views stay valid until the next call.
  const std::array<std::string_view, kColumns>& next();

 private:
  std::uint64_t random();
  std::uint64_t state_;
  std::array<std::string, kColumns> storage_;
  std::array<std::string_view, kColumns> row_;
};

}  // namespace brobyg::dataset::testing
