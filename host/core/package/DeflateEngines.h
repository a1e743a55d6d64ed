#pragma once

// The engine implementations behind makeDeflater/makeInflater (Deflater.cpp, Inflater.cpp).

#include <memory>
#include <string>

#include "package/Deflater.h"
#include "package/Inflater.h"

namespace brobyg::package::detail {

std::unique_ptr<Deflater> makeZlibDeflater(int level);
std::unique_ptr<Inflater> makeZlibInflater(const std::string& what);
#ifdef BROBYG_HAVE_ISAL
std::unique_ptr<Deflater> makeIsalDeflater(int level);
std::unique_ptr<Inflater> makeIsalInflater(const std::string& what);
#endif

}  // namespace brobyg::package::detail
