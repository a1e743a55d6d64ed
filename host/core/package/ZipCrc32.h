#pragma once

// CRC-32 as ZIP, gzip and zlib define it (reflected polynomial 0xEDB88320): ISA-L's
// crc32_gzip_refl when brobyg was built with ISA-L (PCLMUL/VPCLMUL folding), zlib's crc32_z
// otherwise. Both give the same values (ZipTest checks it).

#include <cstddef>
#include <cstdint>

namespace brobyg::package::zip {

// Extends `crc` (0 to start) by `size` bytes at `data`, like zlib's crc32(crc, data, size).
std::uint32_t crc32Update(std::uint32_t crc, const void* data, std::size_t size);
// zlib's crc32_z, whatever the build (for tests and benchmarks).
std::uint32_t crc32Zlib(std::uint32_t crc, const void* data, std::size_t size);

}  // namespace brobyg::package::zip
