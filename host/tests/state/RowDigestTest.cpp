#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "TempDir.h"
#include "state/RowDigest.h"
#include "state/RowDigestSpool.h"
#include "util/Error.h"

using namespace brobyg::state;
using brobyg::test::TempDir;

namespace {

RowDigestKey testKey() {
  RowDigestKey key;
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i);
  return key;
}

RowDigest digestOf(std::string_view row) {
  return RowHasher(testKey()).digest(row);
}

std::uint64_t littleEndian(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// OpenSSL's SipHash-2-4 with a 16-byte tag, the independent implementation to agree with.
RowDigest opensslSipHash(const RowDigestKey& key, const std::string& message) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "SIPHASH", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  std::size_t size = 16;
  OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
                         OSSL_PARAM_construct_end()};
  unsigned char tag[16];
  std::size_t length = 0;
  const bool ok = EVP_MAC_init(ctx, key.data(), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(message.data()),
                                 message.size()) == 1 &&
                  EVP_MAC_final(ctx, tag, &length, sizeof(tag)) == 1 && length == 16;
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  if (!ok) throw std::runtime_error("OpenSSL SipHash failed");
  return {littleEndian(tag), littleEndian(tag + 8)};
}

SpooledRow spooled(std::uint64_t high, std::uint64_t low, std::uint64_t ordinal) {
  return {{high, low}, ordinal, 0, 0};
}

}  // namespace

TEST(RowDigest, IsSipHash24WithA128BitTagAsOpenSslComputesIt) {
  const RowDigestKey key = testKey();
  std::string message;
  for (int length = 0; length <= 64; ++length) {  // the reference vectors' messages: 00 01 02 ...
    EXPECT_EQ(sipHash128(littleEndian(key.data()), littleEndian(key.data() + 8),
                         reinterpret_cast<const unsigned char*>(message.data()), message.size()),
              opensslSipHash(key, message))
        << "length " << length;
    message.push_back(static_cast<char>(length));
  }
}

TEST(RowDigest, IsTheSipHashOfTheRowsBytes) {
  EXPECT_EQ(digestOf("a,b\r\n"), opensslSipHash(testKey(), "a,b\r\n"));
  EXPECT_NE(digestOf("a,b\r\n"), digestOf("a,b\n"));
}

TEST(RowDigest, DependsOnTheKey) {
  RowDigestKey other = testKey();
  other[15] ^= 1;
  EXPECT_NE(RowHasher(testKey()).digest("x"), RowHasher(other).digest("x"));
}

TEST(RowDigest, StoresAndLoadsBigEndian) {
  RowDigest d{0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL};
  unsigned char bytes[16];
  storeDigest(d, bytes);
  EXPECT_EQ(bytes[0], 0x01);
  EXPECT_EQ(bytes[15], 0x10);
  EXPECT_EQ(loadDigest(bytes), d);
}

TEST(RowDigestSpool, SortsLikeStdSortAtEverySize) {
  std::mt19937_64 random(7);
  std::vector<SpooledRow> scratch;
  for (std::size_t n : {0u, 1u, 100u, 4095u, 4096u, 100000u}) {
    std::vector<SpooledRow> rows;
    for (std::size_t i = 0; i < n; ++i) {
      // Some equal digests (their ordinals decide) and some sharing only the high half.
      const std::uint64_t high = i % 17 == 0 ? 42 : random();
      rows.push_back(spooled(high, i % 5 == 0 ? 7 : random(), random() % 1000));
    }
    std::vector<SpooledRow> expected = rows;
    std::sort(expected.begin(), expected.end(), [](const SpooledRow& a, const SpooledRow& b) {
      if (!(a.digest == b.digest)) return a.digest < b.digest;
      return a.ordinal < b.ordinal;
    });
    sortSpooledRows(rows, scratch);
    ASSERT_EQ(rows.size(), expected.size());
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(rows[i].digest, expected[i].digest) << "n " << n << " at " << i;
      ASSERT_EQ(rows[i].ordinal, expected[i].ordinal) << "n " << n << " at " << i;
    }
  }
}

TEST(RowDigestSpool, PacksIsoDates) {
  EXPECT_EQ(packDate("2025-10-03"), 20251003u);
  EXPECT_EQ(packDate(""), 0u);
  EXPECT_EQ(unpackDate(20251003u), "2025-10-03");
  EXPECT_EQ(unpackDate(0), "");
  EXPECT_THROW(packDate("2025-10"), brobyg::Error);
  EXPECT_THROW(packDate("2025/10/03"), brobyg::Error);
}

namespace {

struct Decided {
  Deduplication d;
  std::vector<RowDigest> next;
};

// Spools `rows` (one column each, dated by their index) with `capacity` and resolves them
// against `committed`.
Decided decide(const TempDir& tmp, const std::vector<std::string>& rows,
               const std::vector<RowDigest>& committed, std::size_t capacity,
               std::size_t batchRows = RowDigestSpool::kDefaultBatchRows) {
  RowDigestSpool spool(testKey(), tmp.file("spill"), "absence_event", capacity, batchRows);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::uint32_t date = 20250101 + static_cast<std::uint32_t>(i);
    spool.add(rows[i], i, date, date);
  }
  Decided result;
  std::size_t at = 0;
  result.d = spool.resolve(
      [&](RowDigest& digest) {
        if (at == committed.size()) return false;
        digest = committed[at++];
        return true;
      },
      [&](const RowDigest& digest) { result.next.push_back(digest); });
  return result;
}

std::vector<RowDigest> digestsOf(const std::vector<std::string>& rows) {
  std::vector<RowDigest> digests;
  for (const std::string& row : rows) digests.push_back(digestOf(row));
  std::sort(digests.begin(), digests.end());
  return digests;
}

}  // namespace

TEST(RowDigestSpool, KeepsTheFirstOfRepeatedRowsAndDropsRowsDeliveredBefore) {
  TempDir tmp;
  Decided r = decide(tmp, {"a", "b", "a", "c", "b", "d"}, digestsOf({"c", "z"}), 1024);
  EXPECT_EQ(r.d.rows, 6u);
  EXPECT_EQ(r.d.duplicates, 3u);
  EXPECT_EQ(r.d.dropped, (std::vector<bool>{false, false, true, true, true, false}));
  EXPECT_EQ(r.next, digestsOf({"a", "b", "c", "d", "z"})) << "the union, ascending";
  // Kept: rows 0, 1 and 5, dated 2025-01-01, -02 and -06.
  EXPECT_EQ(r.d.from, 20250101u);
  EXPECT_EQ(r.d.to, 20250106u);
}

TEST(RowDigestSpool, NothingDroppedLeavesNoFlags) {
  TempDir tmp;
  Decided r = decide(tmp, {"a", "b"}, {}, 1024);
  EXPECT_EQ(r.d.duplicates, 0u);
  EXPECT_TRUE(r.d.dropped.empty());
  EXPECT_EQ(r.next, digestsOf({"a", "b"}));
}

// Memory stays flat because the spool spills sorted runs: the decision must not depend on
// how many runs there were.
TEST(RowDigestSpool, SpilledRunsDecideExactlyAsOneBufferDoes) {
  TempDir tmp;
  std::vector<std::string> rows;
  std::mt19937 random(3);
  for (int i = 0; i < 5000; ++i) rows.push_back("row-" + std::to_string(random() % 3000));
  const std::vector<RowDigest> committed = digestsOf({"row-1", "row-2", "row-2999", "never"});
  Decided inMemory = decide(tmp, rows, committed, 1 << 20);
  Decided spilled = decide(tmp, rows, committed, 7);  // 715 runs
  EXPECT_EQ(spilled.d.dropped, inMemory.d.dropped);
  EXPECT_EQ(spilled.d.duplicates, inMemory.d.duplicates);
  EXPECT_EQ(spilled.next, inMemory.next);
  EXPECT_EQ(spilled.d.from, inMemory.d.from);
  EXPECT_EQ(spilled.d.to, inMemory.d.to);
  EXPECT_GT(inMemory.d.duplicates, 2000u);
  EXPECT_TRUE(std::is_sorted(spilled.next.begin(), spilled.next.end()));
  EXPECT_EQ(std::adjacent_find(spilled.next.begin(), spilled.next.end()), spilled.next.end());
}

TEST(RowDigestSpool, RemovesItsSpilledRuns) {
  TempDir tmp;
  decide(tmp, {"a", "b", "c", "d", "e"}, {}, 2);
  std::size_t left = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.file("spill")))
    ++left;
  EXPECT_EQ(left, 0u);
}

// Batches of one row hand every row to the worker thread; the default batch keeps these few
// on the caller's: the decision must be the same.
TEST(RowDigestSpool, TheWorkerThreadDecidesAsTheCallersThreadDoes) {
  TempDir tmp;
  std::vector<std::string> rows;
  std::mt19937 random(5);
  for (int i = 0; i < 3000; ++i) rows.push_back("row-" + std::to_string(random() % 2000));
  const std::vector<RowDigest> committed = digestsOf({"row-7", "row-1999", "never"});
  Decided onCaller = decide(tmp, rows, committed, 1 << 20, 1 << 20);
  for (std::size_t batchRows : {1, 3, 64}) {
    Decided onWorker = decide(tmp, rows, committed, 50, batchRows);
    EXPECT_EQ(onWorker.d.dropped, onCaller.d.dropped) << batchRows;
    EXPECT_EQ(onWorker.next, onCaller.next) << batchRows;
    EXPECT_EQ(onWorker.d.from, onCaller.d.from) << batchRows;
    EXPECT_EQ(onWorker.d.to, onCaller.d.to) << batchRows;
  }
  EXPECT_GT(onCaller.d.duplicates, 1000u);
}

// A spill the worker cannot write (its folder's place is taken by a file) reaches the caller.
TEST(RowDigestSpool, ASpillTheWorkerCannotWriteFailsTheCaller) {
  TempDir tmp;
  std::ofstream(tmp.file("blocked")) << "a file where the spill folder should be";
  RowDigestSpool spool(testKey(), tmp.file("blocked"), "absence_event", 4, 2);
  auto addAndResolve = [&] {
    for (std::uint64_t i = 0; i < 200; ++i) spool.add("row-" + std::to_string(i), i, 0, 0);
    spool.resolve([](RowDigest&) { return false; }, [](const RowDigest&) {});
  };
  EXPECT_THROW(addAndResolve(), brobyg::Error);
}

// A spool given up on (the run failed while writing) stops its worker without resolving.
TEST(RowDigestSpool, DestroyedWithRowsInFlightStopsItsWorker) {
  TempDir tmp;
  {
    RowDigestSpool spool(testKey(), tmp.file("spill"), "absence_event", 8, 4);
    for (std::uint64_t i = 0; i < 1000; ++i) spool.add("row-" + std::to_string(i), i, 0, 0);
  }
  std::size_t left = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.file("spill")))
    ++left;
  EXPECT_EQ(left, 0u) << "spilled runs removed after the worker stopped";
}

// Past kMaxRuns spilled runs, runs of one level are merged into one of the next, so that the
// final merge reads a bounded number of files: the decisions and the digests sent on are the
// same as with one big buffer, and the spill folder keeps few files.
TEST(RowDigestSpool, ManyRunsAreMergedByLevelAndDecideTheSame) {
  TempDir tmp;
  std::vector<std::string> rows;
  std::mt19937 random(5);
  for (int i = 0; i < 20000; ++i)  // every tenth row repeats an earlier one
    rows.push_back("row " + std::to_string(i % 10 == 9 ? random() % i : static_cast<unsigned>(i)));
  const auto decide = [&](std::size_t capacity, const std::string& folder,
                          std::size_t* filesAtEnd) {
    RowDigestSpool spool(RowDigestKey{}, tmp.file(folder), "absence_event", capacity, 8);
    for (std::size_t i = 0; i < rows.size(); ++i)
      spool.add(rows[i], i, static_cast<std::uint32_t>(20260101 + i % 28), 0);
    std::vector<RowDigest> sent;
    const Deduplication d = spool.resolve([](RowDigest&) { return false; },
                                          [&](const RowDigest& r) { sent.push_back(r); });
    if (filesAtEnd != nullptr) {
      *filesAtEnd = 0;
      for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.file(folder)))
        ++*filesAtEnd;
    }
    return std::pair{d, sent};
  };
  std::size_t files = 0;
  // 16 rows a run: 1250 runs, merged into level 1 (64 runs each) and level 2.
  const auto [small, smallSent] = decide(16, "small", &files);
  const auto [big, bigSent] = decide(1 << 20, "big", nullptr);
  EXPECT_EQ(small.duplicates, big.duplicates);
  EXPECT_GT(small.duplicates, 1000u);
  EXPECT_EQ(small.dropped, big.dropped);
  EXPECT_EQ(small.from, big.from);
  EXPECT_EQ(smallSent, bigSent);
  EXPECT_TRUE(std::is_sorted(smallSent.begin(), smallSent.end()));
  EXPECT_LT(files, 2 * RowDigestSpool::kMaxRuns) << "runs of each level merged into the next";
}
