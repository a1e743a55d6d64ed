#include "util/WindowsPath.h"

#include <Poco/Error.h>
#include <Poco/UnicodeConverter.h>

namespace brobyg {

std::wstring widePath(const std::string& utf8) {
  std::wstring wide;
  Poco::UnicodeConverter::convert(utf8, wide);
  return wide;
}

std::string utf8Path(const wchar_t* wide) {
  std::string utf8;
  Poco::UnicodeConverter::convert(std::wstring(wide), utf8);
  return utf8;
}

std::string windowsErrorText(unsigned long code) {
  return Poco::Error::getMessage(code);
}

}  // namespace brobyg
