#pragma once

#include <string>

namespace brobyg::test {

// setenv and unsetenv for the tests, _putenv_s on Windows. The Windows C runtime cannot hold an
// empty variable: setEnv(name, "") leaves it unset there.
void setEnv(const std::string& name, const std::string& value);
void unsetEnv(const std::string& name);

}  // namespace brobyg::test
