#pragma once

#include <cstdint>
#include <string>

namespace brobyg::package {

// Walks the BER/DER of a CMS file without loading its content and returns the length of the
// AuthEnvelopedData `mac` (the GCM tag). Throws brobyg::Error when the file is not a CMS
// ContentInfo of type id-ct-authEnvelopedData. Needed because OpenSSL accepts a tag of any
// length (a short tag can be forged, CHECKLIST "CMS") and has no accessor for it.
std::size_t authEnvelopedTagLength(const std::string& path);

// Throws brobyg::Error when the file is not one whole BER element: bytes after the end of a
// CMS ContentInfo, which OpenSSL's parser ignores, are refused (a package is exactly the
// structure that was signed and encrypted, nothing appended).
void requireSingleBerElement(const std::string& path);

}  // namespace brobyg::package
