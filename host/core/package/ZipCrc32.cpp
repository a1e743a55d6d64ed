#include "package/ZipCrc32.h"

#include <zlib.h>

#ifdef BROBYG_HAVE_ISAL
#include <isa-l/crc.h>
#endif

namespace brobyg::package::zip {

std::uint32_t crc32Update(std::uint32_t crc, const void* data, std::size_t size) {
#ifdef BROBYG_HAVE_ISAL
  return crc32_gzip_refl(crc, static_cast<const unsigned char*>(data), size);
#else
  return crc32Zlib(crc, data, size);
#endif
}

std::uint32_t crc32Zlib(std::uint32_t crc, const void* data, std::size_t size) {
  return static_cast<std::uint32_t>(crc32_z(crc, static_cast<const Bytef*>(data), size));
}

}  // namespace brobyg::package::zip
