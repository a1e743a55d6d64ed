#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "package/BlockDeflater.h"
#include "package/Deflater.h"
#include "package/Inflater.h"
#include "package/ZipCrc32.h"
#include "util/Error.h"

namespace brobyg::package {
namespace {

// CSV-like text (compressible) with a stretch of pseudo-random bytes (incompressible) in the
// middle, so that both stored and Huffman blocks occur.
std::string sampleBytes(std::size_t size) {
  std::string s;
  s.reserve(size + 64);
  std::uint64_t x = 0x9E3779B97F4A7C15ull ^ size;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  while (s.size() < size) {
    if (s.size() > size / 3 && s.size() < size / 3 + 20000) {
      s.push_back(static_cast<char>(next() & 0xFF));
      continue;
    }
    s += std::to_string(next() % 1000000) + ";2024-0" + std::to_string(1 + next() % 9) + "-1" +
         std::to_string(next() % 10) + ";" + (next() % 3 == 0 ? "sygdom" : "ulovligt") + ";" +
         std::to_string(next() % 8) + "\n";
  }
  s.resize(size);
  return s;
}

// Deflates in pieces of `piece` bytes (0: one call with last=true).
std::string deflateAll(Deflater& d, const std::string& data, std::size_t piece) {
  std::string out;
  auto sink = [&](const char* p, std::size_t n) { out.append(p, n); };
  if (piece == 0) {
    d.write(data.data(), data.size(), true, sink);
    return out;
  }
  for (std::size_t pos = 0; pos < data.size(); pos += piece) {
    std::size_t n = std::min(piece, data.size() - pos);
    d.write(data.data() + pos, n, false, sink);
  }
  d.write(nullptr, 0, true, sink);
  return out;
}

std::string inflateAll(DeflateEngine engine, const std::string& compressed, std::size_t piece) {
  auto inflater = makeInflater(engine, "test");
  std::string out;
  auto sink = [&](const char* p, std::size_t n) { out.append(p, n); };
  for (std::size_t pos = 0; pos < compressed.size(); pos += piece) {
    std::size_t n = std::min(piece, compressed.size() - pos);
    std::size_t used = inflater->write(compressed.data() + pos, n, sink);
    if (used != n) throw Error("data after the end of the stream");
  }
  if (!inflater->finished()) throw Error("stream did not end");
  return out;
}

std::vector<DeflateEngine> engines() {
  std::vector<DeflateEngine> e{DeflateEngine::Zlib};
  if (engineAvailable(DeflateEngine::Isal)) e.push_back(DeflateEngine::Isal);
  return e;
}

int maxLevel(DeflateEngine engine) {
  return engine == DeflateEngine::Isal ? 3 : 9;
}

const std::vector<std::size_t> kSizes{0, 1, 100, 65537, 256 * 1024, (3u << 20) / 2 + 7};

TEST(Deflate, EveryEngineAndLevelRoundTripsThroughBothInflaters) {
  for (std::size_t size : kSizes) {
    const std::string data = sampleBytes(size);
    for (DeflateEngine engine : engines()) {
      for (int level = 1; level <= maxLevel(engine); ++level) {
        SCOPED_TRACE(std::string(engineName(engine)) + " level " + std::to_string(level) +
                     " size " + std::to_string(size));
        auto d = makeDeflater(engine, level);
        ASSERT_EQ(d->engine(), engine);
        std::string compressed = deflateAll(*d, data, 0);
        if (size > 100000) {
          EXPECT_LT(compressed.size(), size / 2);
        }
        for (DeflateEngine reader : engines()) {
          EXPECT_EQ(inflateAll(reader, compressed, 4096), data) << engineName(reader);
          EXPECT_EQ(inflateAll(reader, compressed, compressed.size() + 1), data)
              << engineName(reader);
        }
      }
    }
  }
}

TEST(Deflate, StreamingInPiecesAndResetGiveTheSameStreamAgain) {
  const std::string data = sampleBytes((1u << 20) + 333);
  for (DeflateEngine engine : engines()) {
    for (int level = 1; level <= maxLevel(engine); ++level) {
      SCOPED_TRACE(std::string(engineName(engine)) + " level " + std::to_string(level));
      auto d = makeDeflater(engine, level);
      std::string first = deflateAll(*d, data, 100000);
      d->reset();
      std::string second = deflateAll(*d, data, 100000);
      EXPECT_EQ(first, second);
      for (DeflateEngine reader : engines()) EXPECT_EQ(inflateAll(reader, first, 777), data);
    }
  }
}

TEST(Deflate, LevelsPickTheDocumentedEngine) {
  DeflateEngine fast =
      engineAvailable(DeflateEngine::Isal) ? DeflateEngine::Isal : DeflateEngine::Zlib;
  for (int level = 1; level <= 3; ++level) EXPECT_EQ(makeDeflater(level)->engine(), fast);
  for (int level = 4; level <= 9; ++level)
    EXPECT_EQ(makeDeflater(level)->engine(), DeflateEngine::Zlib);
  EXPECT_THROW(makeDeflater(0), Error);
  EXPECT_THROW(makeDeflater(10), Error);
  if (engineAvailable(DeflateEngine::Isal)) {
    EXPECT_THROW(makeDeflater(DeflateEngine::Isal, 4), Error);
  } else {
    EXPECT_THROW(makeDeflater(DeflateEngine::Isal, 1), Error);
    EXPECT_THROW(makeInflater(DeflateEngine::Isal, "x"), Error);
  }
}

TEST(Inflate, RejectsCorruptTruncatedAndTrailingData) {
  const std::string data = sampleBytes(300000);
  auto d = makeDeflater(DeflateEngine::Zlib, 6);
  const std::string good = deflateAll(*d, data, 0);
  for (DeflateEngine engine : engines()) {
    SCOPED_TRACE(engineName(engine));
    EXPECT_THROW(inflateAll(engine, good.substr(0, good.size() / 2), 4096), Error);
    EXPECT_THROW(inflateAll(engine, good + "trailing", 4096), Error);
    EXPECT_THROW(inflateAll(engine, good + "trailing", good.size() + 100), Error);
    std::string bad = good;
    bad[0] = static_cast<char>(bad[0] | 0x06);  // block type 3: reserved, invalid
    EXPECT_THROW(inflateAll(engine, bad, 4096), Error);
    EXPECT_THROW(inflateAll(engine, "", 4096), Error);
  }
}

// Through BlockDeflater in pieces of `piece` bytes, twice (the second stream reuses it).
std::string blockDeflate(BlockDeflater& d, const std::string& data, std::size_t piece) {
  std::string out;
  auto sink = [&](const char* p, std::size_t n) { out.append(p, n); };
  for (std::size_t pos = 0; pos < data.size(); pos += piece)
    d.write(data.data() + pos, std::min(piece, data.size() - pos), sink);
  d.finish(sink);
  return out;
}

TEST(BlockDeflate, TheBytesDoNotDependOnThreadsAndEveryInflaterReadsThem) {
  constexpr std::size_t kBlock = BlockDeflater::kBlockBytes;
  const std::vector<std::size_t> sizes{0,          1,          kBlock - 1,       kBlock,
                                       kBlock + 1, 2 * kBlock, 3 * kBlock + 4321};
  for (int level : {1, 3, 4, 9}) {  // both engines, each at its ends
    BlockDeflater one(level, 1), two(level, 2), three(level, 3);
    for (std::size_t size : sizes) {
      SCOPED_TRACE("level " + std::to_string(level) + " size " + std::to_string(size));
      const std::string data = sampleBytes(size);
      const std::string expected = blockDeflate(one, data, 100000);
      EXPECT_EQ(blockDeflate(two, data, 65536), expected);
      EXPECT_EQ(blockDeflate(three, data, kBlock + 3), expected);
      EXPECT_EQ(blockDeflate(two, data, 7777), expected);  // a second stream, same object
      for (DeflateEngine reader : engines())
        EXPECT_EQ(inflateAll(reader, expected, 4096), data) << engineName(reader);
    }
  }
}

TEST(BlockDeflate, CostsLittleAgainstOneContinuousStream) {
  const std::string data = sampleBytes(8 * BlockDeflater::kBlockBytes + 99);
  for (int level : {1, 6}) {
    BlockDeflater blocks(level, 2);
    const std::size_t inBlocks = blockDeflate(blocks, data, 1 << 20).size();
    const std::size_t continuous = deflateAll(*makeDeflater(level), data, 0).size();
    // The dictionary keeps references across blocks: 5 bytes of sync marker a block and
    // the Huffman tables' restart, not a cold start each time.
    EXPECT_LT(inBlocks, continuous + continuous / 100) << "level " << level;
  }
}

TEST(BlockDeflate, EachBlockRefersBackIntoTheOneBefore) {
  // 20,000 random bytes over and over: a block that does not start from the 32 KiB before it
  // has to spell its first 20,000 bytes out again, about 20 KB a block.
  std::string unit;
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  while (unit.size() < 20000) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    unit.push_back(static_cast<char>(x & 0xFF));
  }
  std::string data;
  while (data.size() < 4 * BlockDeflater::kBlockBytes) data += unit;
  for (int level : {1, 6}) {
    BlockDeflater blocks(level, 2);
    const std::size_t inBlocks = blockDeflate(blocks, data, 1 << 20).size();
    const std::size_t continuous = deflateAll(*makeDeflater(level), data, 0).size();
    EXPECT_LT(inBlocks, continuous + 4000) << "level " << level;
  }
}

TEST(BlockDeflate, PrimeAndSyncMakeAStreamThatContinuesAnother) {
  const std::string data = sampleBytes(300000);
  const std::string head = data.substr(0, 200000), tail = data.substr(200000);
  for (DeflateEngine engine : engines()) {
    SCOPED_TRACE(engineName(engine));
    auto d = makeDeflater(engine, 1);
    std::string out;
    auto sink = [&](const char* p, std::size_t n) { out.append(p, n); };
    d->write(head.data(), head.size(), false, sink);
    d->sync(sink);
    ASSERT_GE(out.size(), 4u);
    EXPECT_EQ(out.substr(out.size() - 4), std::string("\x00\x00\xff\xff", 4));
    d->reset();
    d->prime(std::string_view(head).substr(head.size() - BlockDeflater::kWindowBytes));
    d->write(tail.data(), tail.size(), true, sink);
    for (DeflateEngine reader : engines()) EXPECT_EQ(inflateAll(reader, out, 1000), data);
  }
}

TEST(BlockDeflate, AnEngineFailureReachesTheCaller) {
  EXPECT_THROW(BlockDeflater(0, 2), Error);
  EXPECT_THROW(BlockDeflater(10, 1), Error);
  // A sink that fails mid-stream: the exception comes out, the threads stop, no hang.
  BlockDeflater d(1, 2);
  const std::string data = sampleBytes(6 * BlockDeflater::kBlockBytes);
  std::size_t calls = 0;
  auto failing = [&](const char*, std::size_t) {
    if (++calls == 2) throw Error("disk full");
  };
  EXPECT_THROW(
      {
        d.write(data.data(), data.size(), failing);
        d.finish(failing);
      },
      Error);
}

TEST(ZipCrc32, MatchesZlibAndTheStandardCheckValue) {
  EXPECT_EQ(zip::crc32Update(0, "123456789", 9), 0xCBF43926u);
  EXPECT_EQ(zip::crc32Zlib(0, "123456789", 9), 0xCBF43926u);
  EXPECT_EQ(zip::crc32Update(0, "", 0), 0u);
  for (std::size_t size : kSizes) {
    const std::string data = sampleBytes(size);
    EXPECT_EQ(zip::crc32Update(0, data.data(), size), zip::crc32Zlib(0, data.data(), size)) << size;
    // Chained over uneven pieces, as ZipWriter and ZipReader use it.
    std::uint32_t chained = 0;
    for (std::size_t pos = 0; pos < size; pos += 1000 + pos % 7)
      chained = zip::crc32Update(chained, data.data() + pos,
                                 std::min<std::size_t>(1000 + pos % 7, size - pos));
    EXPECT_EQ(chained, zip::crc32Zlib(0, data.data(), size)) << size;
  }
}

}  // namespace
}  // namespace brobyg::package
