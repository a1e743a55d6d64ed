// The risk tally's cost per written row (issue 15): the class key of the quasi-identifiers, the
// pseudonym's hash and 12 bytes to the spill, as the write stage calls it, and the measuring
// after the last row (the spill read back, four groupings). Rows come as a
// school system exports them: a pupil's absences together, 100 per pupil.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "risk/RiskTally.h"

namespace {

void BM_RiskTallyAdd(benchmark::State& state) {
  const brobyg::dataset::DatasetSpec& spec = brobyg::dataset::absenceEvent();
  const std::string spill =
      (std::filesystem::temp_directory_path() / "brobyg-risk-bench.spill").string();
  std::vector<std::string> pupils, months, schools;
  for (int p = 0; p < 2000; ++p) {
    pupils.push_back("pupil" + std::to_string(p) + std::string(21 - std::to_string(p).size(), 'a'));
    months.push_back(std::to_string(2010 + p % 8) + "-0" + std::to_string(1 + p % 9));
    schools.push_back("10100" + std::to_string(p % 7));
  }
  std::vector<std::string_view> columns(spec.outputs().size());
  auto at = [&](const char* name) { return static_cast<std::size_t>(spec.outputIndex(name)); };
  const std::size_t person = at("person"), month = at("birth_month"), sex = at("sex"),
                    kommune = at("municipality"), school = at("school"), grade = at("grade");
  std::uint64_t rows = 0;
  for (auto _ : state) {
    brobyg::risk::RiskTally tally(spec, spill);
    for (int p = 0; p < 2000; ++p) {
      columns[person] = pupils[static_cast<std::size_t>(p)];
      columns[month] = months[static_cast<std::size_t>(p)];
      columns[sex] = p % 2 ? "male" : "female";
      columns[kommune] = "101";
      columns[school] = schools[static_cast<std::size_t>(p)];
      columns[grade] = "5";
      for (int i = 0; i < 100; ++i) tally.add(columns.data());
    }
    tally.finish();
    benchmark::DoNotOptimize(tally.measure({}, 5, {}));
    rows += 200000;
  }
  std::filesystem::remove(spill);
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RiskTallyAdd)->Unit(benchmark::kMillisecond);

}  // namespace
