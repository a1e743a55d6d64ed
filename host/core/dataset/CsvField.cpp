#include "dataset/CsvField.h"

#include <cstring>

#include "dataset/Utf8.h"

namespace brobyg::dataset {

namespace {
bool validUtf8(const unsigned char* p, const unsigned char* end) {
  char32_t cp;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t len = decodeUtf8(p, end, cp);
    if (len == 0) return false;
    p += len;
  }
  return true;
}
}  // namespace

std::size_t encodeCsvField(std::string_view field, char delimiter, char* out) {
  const auto* begin = reinterpret_cast<const unsigned char*>(field.data());
  const auto* end = begin + field.size();
  bool quote = false;
  bool ascii = true;
  // One pass decides both questions; almost every field is short, plain ASCII.
  for (const unsigned char* p = begin; p < end; ++p) {
    const unsigned char c = *p;
    quote |= (c == static_cast<unsigned char>(delimiter)) | (c == '"') | (c == '\r') | (c == '\n');
    ascii &= c < 0x80;
  }
  if (!ascii && !validUtf8(begin, end)) return kInvalidUtf8;
  if (!quote) {
    // An empty field may have no data pointer at all; memcpy from null is undefined even
    // for zero bytes (UBSan: nonnull-attribute).
    if (!field.empty()) std::memcpy(out, field.data(), field.size());
    return field.size();
  }
  char* o = out;
  *o++ = '"';
  for (char c : field) {
    if (c == '"') *o++ = '"';
    *o++ = c;
  }
  *o++ = '"';
  return static_cast<std::size_t>(o - out);
}

}  // namespace brobyg::dataset
