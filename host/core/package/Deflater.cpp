#include "package/Deflater.h"

#include <string>

#include "package/DeflateEngines.h"
#include "util/Error.h"

namespace brobyg::package {

namespace {
constexpr int kIsalMaxLevel = 3;
}

const char* engineName(DeflateEngine engine) {
  return engine == DeflateEngine::Isal ? "isa-l" : "zlib";
}

bool engineAvailable(DeflateEngine engine) {
#ifdef BROBYG_HAVE_ISAL
  (void)engine;
  return true;
#else
  return engine == DeflateEngine::Zlib;
#endif
}

DeflateEngine preferredEngine(int level) {
  if (engineAvailable(DeflateEngine::Isal) && level >= 1 && level <= kIsalMaxLevel)
    return DeflateEngine::Isal;
  return DeflateEngine::Zlib;
}

std::unique_ptr<Deflater> makeDeflater(int level) {
  return makeDeflater(preferredEngine(level), level);
}

std::unique_ptr<Deflater> makeDeflater(DeflateEngine engine, int level) {
  if (level < 1 || level > 9)
    throw Error("deflate: level must be 1-9, not " + std::to_string(level));
  if (engine == DeflateEngine::Zlib) return detail::makeZlibDeflater(level);
#ifdef BROBYG_HAVE_ISAL
  if (level > kIsalMaxLevel)
    throw Error("deflate: ISA-L has levels 1-" + std::to_string(kIsalMaxLevel) + ", not " +
                std::to_string(level));
  return detail::makeIsalDeflater(level);
#else
  throw Error("deflate: this brobyg was built without ISA-L");
#endif
}

}  // namespace brobyg::package
