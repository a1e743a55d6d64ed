#include "package/Inflater.h"

#include "package/DeflateEngines.h"
#include "util/Error.h"

namespace brobyg::package {

std::unique_ptr<Inflater> makeInflater(const std::string& what) {
  return makeInflater(
      engineAvailable(DeflateEngine::Isal) ? DeflateEngine::Isal : DeflateEngine::Zlib, what);
}

std::unique_ptr<Inflater> makeInflater(DeflateEngine engine, const std::string& what) {
  if (engine == DeflateEngine::Zlib) return detail::makeZlibInflater(what);
#ifdef BROBYG_HAVE_ISAL
  return detail::makeIsalInflater(what);
#else
  throw Error("inflate: this brobyg was built without ISA-L");
#endif
}

}  // namespace brobyg::package
