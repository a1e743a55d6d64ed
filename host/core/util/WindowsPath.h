#pragma once

// Windows only (the *Windows.cpp seam files): brobyg keeps every path in UTF-8 and converts it
// here, at the call of a wide (…W) Windows API, so that no path goes through the ANSI code page.

#include <string>

namespace brobyg {

std::wstring widePath(const std::string& utf8);
// The other way: what a wide Windows API returned (a NUL-terminated path), as UTF-8.
std::string utf8Path(const wchar_t* wide);
// The system's text for a GetLastError() code, for error messages.
std::string windowsErrorText(unsigned long code);

}  // namespace brobyg
