// CRC-32 (zlib and the build's choice, ISA-L when present) and SHA-256 (OpenSSL EVP) over
// 256 KiB pieces, the size ZipWriter, ZipReader and the CMS steps use.

#include <benchmark/benchmark.h>

#include "CsvSample.h"
#include "package/ZipCrc32.h"
#include "util/Sha256.h"

namespace brobyg::bench {
namespace {

constexpr std::size_t kSampleBytes = 32u << 20;
constexpr std::size_t kPiece = 256u * 1024;

template <typename Update>
void overPieces(benchmark::State& state, Update update) {
  const std::string& data = csvSample(kSampleBytes);
  for (auto _ : state) {
    for (std::size_t pos = 0; pos < data.size(); pos += kPiece)
      update(data.data() + pos, std::min(kPiece, data.size() - pos));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}

void crc32Zlib(benchmark::State& state) {
  std::uint32_t crc = 0;
  overPieces(state,
             [&](const char* p, std::size_t n) { crc = package::zip::crc32Zlib(crc, p, n); });
  benchmark::DoNotOptimize(crc);
}

void crc32Build(benchmark::State& state) {
  std::uint32_t crc = 0;
  overPieces(state,
             [&](const char* p, std::size_t n) { crc = package::zip::crc32Update(crc, p, n); });
  benchmark::DoNotOptimize(crc);
}

void sha256(benchmark::State& state) {
  Sha256 sha;
  overPieces(state, [&](const char* p, std::size_t n) { sha.update(p, n); });
  benchmark::DoNotOptimize(sha.digest());
}

BENCHMARK(crc32Zlib)->Unit(benchmark::kMillisecond);
BENCHMARK(crc32Build)->Unit(benchmark::kMillisecond);
BENCHMARK(sha256)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace brobyg::bench
