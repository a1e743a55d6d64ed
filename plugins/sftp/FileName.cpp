#include "FileName.h"

namespace brobyg::sftp {

bool plainFileName(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (unsigned char c : name)
    if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace brobyg::sftp
