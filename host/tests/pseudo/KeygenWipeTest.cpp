// Issue #11: `brobyg keygen` must not leave a copy of the new key in freed memory (a core
// dump or a later allocation would show it). This test binary replaces the global operator
// new and delete so that it can look at every block freed while a key is generated.
#include <gtest/gtest.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "TempDir.h"
#include "pseudo/ProjectKey.h"
#include "util/AtomicFile.h"

namespace {

std::atomic<bool> recording{false};
// The freed blocks' bytes, kept in static storage: recording allocates nothing.
constexpr std::size_t kCapacity = 4 << 20;
char recorded[kCapacity];
std::size_t recordedSize = 0;

void remember(void* block) {
  if (block == nullptr || !recording.load(std::memory_order_relaxed)) return;
#ifdef _WIN32
  std::size_t n = _msize(block);
#else
  std::size_t n = malloc_usable_size(block);
#endif
  if (n > kCapacity - recordedSize) n = kCapacity - recordedSize;
  std::memcpy(recorded + recordedSize, block, n);
  recordedSize += n;
}

}  // namespace

// Array and aligned forms keep their library definitions, which pair with each other.
void* operator new(std::size_t size) {
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* block) noexcept {
  remember(block);
  std::free(block);
}
void operator delete(void* block, std::size_t) noexcept {
  remember(block);
  std::free(block);
}
void operator delete(void* block, const std::nothrow_t&) noexcept {
  remember(block);
  std::free(block);
}

namespace brobyg::pseudo {
namespace {

TEST(KeyGen, LeavesNoCopyOfTheKeyInFreedMemory) {
  test::TempDir dir;
  const std::string path = dir.file("project.key");
  recordedSize = 0;
  recording = true;
  generateKeyFile(path);
  recording = false;
  const std::string hex = readFile(path).substr(0, 64);
  ASSERT_EQ(hex.size(), 64u);
  ASSERT_GT(recordedSize, 0u) << "the replaced operator delete saw nothing";
  ASSERT_LT(recordedSize, kCapacity) << "recording overflowed; raise kCapacity";
  const std::string_view freed(recorded, recordedSize);
  // Any half of the hex text found in a freed block is a copy that was not wiped.
  EXPECT_EQ(freed.find(hex.substr(0, 32)), std::string_view::npos);
  EXPECT_EQ(freed.find(hex.substr(32)), std::string_view::npos);
}

}  // namespace
}  // namespace brobyg::pseudo
