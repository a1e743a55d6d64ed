#pragma once

#include <cstdint>
#include <string>

namespace brobyg::package {

class InputFile;

// Both read through an InputFile, so that the checks and the parse that follows them see the
// same bytes; the path overloads open one for themselves (tests, fuzzing).

// Walks the BER/DER of a CMS file without loading its content and returns the length of the
// AuthEnvelopedData `mac` (the GCM tag). Throws brobyg::Error when the file is not a CMS
// ContentInfo of type id-ct-authEnvelopedData. Needed because OpenSSL accepts a tag of any
// length (a short tag can be forged, CHECKLIST "CMS") and has no accessor for it.
std::size_t authEnvelopedTagLength(const std::string& path);
std::size_t authEnvelopedTagLength(InputFile& in);

// Throws brobyg::Error when the file is not one whole BER element: bytes after the end of a
// CMS ContentInfo, which OpenSSL's parser ignores, are refused (a package is exactly the
// structure that was signed and encrypted, nothing appended).
void requireSingleBerElement(const std::string& path);
void requireSingleBerElement(InputFile& in);

}  // namespace brobyg::package
