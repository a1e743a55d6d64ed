// Raw deflate of a CSV buffer per engine and level, and inflate of the result, as ZipWriter
// and ZipReader do it (256 KiB pieces). Bytes/s are uncompressed bytes; the "ratio" counter
// is compressed/uncompressed.

#include <benchmark/benchmark.h>

#include "CsvSample.h"
#include "package/Deflater.h"
#include "package/Inflater.h"

namespace brobyg::bench {
namespace {

using package::DeflateEngine;

constexpr std::size_t kSampleBytes = 32u << 20;
constexpr std::size_t kPiece = 256u * 1024;

std::string deflateSample(package::Deflater& d, const std::string& data) {
  std::string out;
  auto sink = [&](const char* p, std::size_t n) { out.append(p, n); };
  for (std::size_t pos = 0; pos < data.size(); pos += kPiece)
    d.write(data.data() + pos, std::min(kPiece, data.size() - pos), false, sink);
  d.write(nullptr, 0, true, sink);
  return out;
}

void deflate(benchmark::State& state, DeflateEngine engine) {
  const int level = static_cast<int>(state.range(0));
  if (!package::engineAvailable(engine)) {
    state.SkipWithError("engine not in this build");
    return;
  }
  const std::string& data = csvSample(kSampleBytes);
  auto d = package::makeDeflater(engine, level);
  std::size_t compressed = 0;
  for (auto _ : state) {
    d->reset();
    std::size_t n = 0;
    auto sink = [&](const char*, std::size_t size) { n += size; };
    for (std::size_t pos = 0; pos < data.size(); pos += kPiece)
      d->write(data.data() + pos, std::min(kPiece, data.size() - pos), false, sink);
    d->write(nullptr, 0, true, sink);
    compressed = n;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.counters["ratio"] = static_cast<double>(compressed) / static_cast<double>(data.size());
}

void inflate(benchmark::State& state, DeflateEngine engine) {
  if (!package::engineAvailable(engine)) {
    state.SkipWithError("engine not in this build");
    return;
  }
  const std::string& data = csvSample(kSampleBytes);
  auto d = package::makeDeflater(DeflateEngine::Zlib, static_cast<int>(state.range(0)));
  const std::string compressed = deflateSample(*d, data);
  for (auto _ : state) {
    auto inflater = package::makeInflater(engine, "bench");
    std::size_t produced = 0;
    auto sink = [&](const char*, std::size_t n) { produced += n; };
    for (std::size_t pos = 0; pos < compressed.size(); pos += kPiece)
      inflater->write(compressed.data() + pos, std::min(kPiece, compressed.size() - pos), sink);
    if (produced != data.size()) state.SkipWithError("inflate lost bytes");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}

BENCHMARK_CAPTURE(deflate, zlib, DeflateEngine::Zlib)
    ->DenseRange(1, 9)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(deflate, isal, DeflateEngine::Isal)
    ->DenseRange(1, 3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(inflate, zlib, DeflateEngine::Zlib)
    ->Arg(1)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(inflate, isal, DeflateEngine::Isal)
    ->Arg(1)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace brobyg::bench
