// Pseudonyms per second: computeUncached (HMAC-SHA256 + base32 each time) and ofDigits with
// the cache over a municipality of 60000 pupils (the absence rows' pattern: every pupil many
// times) and over distinct numbers (every lookup a miss).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"

namespace brobyg::bench {
namespace {

pseudo::ProjectKey benchKey() {
  pseudo::ProjectKey::Bytes bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 1);
  return pseudo::ProjectKey::fromBytes(bytes);
}

std::vector<std::string> cprDigits(std::size_t count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02zu%02zu%02zu%04zu", 1 + i % 28, 1 + (i / 28) % 12,
                  10 + (i / 336) % 10, (i / 3360) % 10000);
    out.emplace_back(buffer, 10);
  }
  return out;
}

void computeUncached(benchmark::State& state) {
  pseudo::Pseudonymiser p(benchKey(), "bench-project");
  const auto digits = cprDigits(4096);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(p.computeUncached(digits[i++ % digits.size()]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Lookups in a random order over `pupils` distinct numbers.
void ofDigits(benchmark::State& state) {
  pseudo::Pseudonymiser p(benchKey(), "bench-project");
  const auto digits = cprDigits(static_cast<std::size_t>(state.range(0)));
  std::uint64_t x = 88172645463325252ull;
  for (auto _ : state) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    benchmark::DoNotOptimize(p.ofDigits(digits[x % digits.size()]));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["hit_rate"] =
      static_cast<double>(p.cacheHits()) / static_cast<double>(p.cacheHits() + p.cacheMisses());
}

BENCHMARK(computeUncached);
BENCHMARK(ofDigits)->Arg(60000)->Arg(1000000);

}  // namespace
}  // namespace brobyg::bench
