#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg {

std::string toHex(const unsigned char* data, std::size_t size);
inline std::string toHex(const std::vector<unsigned char>& bytes) {
  return toHex(bytes.data(), bytes.size());
}

// Decodes hexadecimal (either case). Throws brobyg::Error on odd length or a non-hex digit.
std::vector<unsigned char> fromHex(std::string_view hex);

}  // namespace brobyg
