#pragma once

#include <string>

namespace brobyg::sftp {

// True for a plain file name that stays in the remote folder and is visible there: no '/'
// or '\', not "." or "..", no leading '.' (the plugin's own temp files start with '.'), no
// NUL or control character. The same rule as the folder destination's.
bool plainFileName(const std::string& name);

}  // namespace brobyg::sftp
