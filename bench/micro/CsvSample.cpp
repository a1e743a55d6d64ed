#include "CsvSample.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <vector>

namespace brobyg::bench {

namespace {

constexpr std::size_t kPupils = 60000;

std::string synthetic(std::size_t bytes) {
  std::mt19937_64 rng(2);
  const char* base32 = "abcdefghijklmnopqrstuvwxyz234567";
  struct Pupil {
    std::string pseudonym, birth, sex, age, school, grade;
  };
  std::vector<Pupil> pupils(kPupils);
  for (Pupil& p : pupils) {
    for (int i = 0; i < 26; ++i) p.pseudonym.push_back(base32[rng() % 32]);
    int year = 2008 + static_cast<int>(rng() % 10);
    int month = 1 + static_cast<int>(rng() % 12);
    p.birth = std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
    p.sex = rng() % 2 ? "female" : "male";
    p.age = std::to_string(2025 - year);
    p.school = "101" + std::to_string(100 + rng() % 40).substr(0, 3);
    p.grade = std::to_string(rng() % 10);
  }
  const std::array<const char*, 4> categories{"sick", "authorised", "unauthorised", "sick"};
  std::string out =
      "person,birth_month,sex,age,municipality,school,grade,date,unit,lesson,"
      "category,source\n";
  out.reserve(bytes + 200);
  while (out.size() < bytes) {
    const Pupil& p = pupils[rng() % kPupils];
    int month = 1 + static_cast<int>(rng() % 12);
    int day = 1 + static_cast<int>(rng() % 28);
    bool lesson = rng() % 3 == 0;
    out += p.pseudonym + ',' + p.birth + ',' + p.sex + ',' + p.age + ",101," + p.school + ',' +
           p.grade + ",2025-" + (month < 10 ? "0" : "") + std::to_string(month) + '-' +
           (day < 10 ? "0" : "") + std::to_string(day) + (lesson ? ",lesson," : ",day,") +
           (lesson ? std::to_string(1 + rng() % 7) : "") + ',' + categories[rng() % 4] +
           ",skolesystem\n";
  }
  out.resize(bytes);
  return out;
}

std::string fromFile(const char* path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::string out(bytes, '\0');
  in.read(out.data(), static_cast<std::streamsize>(bytes));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

}  // namespace

const std::string& csvSample(std::size_t bytes) {
  static std::map<std::size_t, std::string> samples;
  auto it = samples.find(bytes);
  if (it == samples.end()) {
    const char* file = std::getenv("BROBYG_BENCH_CSV");
    it = samples.emplace(bytes, file != nullptr ? fromFile(file, bytes) : synthetic(bytes)).first;
  }
  return it->second;
}

}  // namespace brobyg::bench
