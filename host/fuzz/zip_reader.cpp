// Fuzz target: the ZIP reader (package/ZipReader.cpp) on arbitrary bytes: central directory,
// ZIP64 records, local headers, store and deflate data, sizes and CRC-32.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "package/ZipReader.h"
#include "util/Error.h"

namespace {
// ZipReader reads a file; one per fuzzing process.
const std::string& inputPath() {
  static const std::string path = "/tmp/brobyg-fuzz-zip-" + std::to_string(::getpid()) + ".zip";
  return path;
}

void write(const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(inputPath().c_str(), "wb");
  if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write(data, size);
  try {
    brobyg::package::ZipReader zip(inputPath());
    std::size_t read = 0;
    for (const auto& entry : zip.entries()) {
      if (++read > 64) break;  // the count is bounded by the input's size; time is not
      try {
        std::uint64_t seen = 0;
        zip.read(entry, [&](const char*, std::size_t n) { seen += n; });
        // A read that succeeds delivered exactly the declared size.
        if (seen != entry.size) std::abort();
      } catch (const brobyg::Error&) {
      }
    }
  } catch (const brobyg::Error&) {
  }
  return 0;
}
