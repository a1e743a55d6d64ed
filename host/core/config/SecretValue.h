// Setting values kept out of the configuration file: read from a private file or from an
// environment variable (operations guide, "Secrets").
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace brobyg::config {

// The longest secret file read; a password or token is far shorter, and a bigger file is
// more likely a wrong path (a log, a database) than a secret.
inline constexpr std::size_t kMaxSecretFileBytes = 64 * 1024;

// The content of `path`, which must be private as key files are (util/FileSecurity.h: a
// regular file owned by the user running brobyg, no group or other permissions), with one
// trailing newline ("\n" or "\r\n") dropped. Throws brobyg::Error naming the file and `what`,
// never the content: not private, missing, unreadable, empty, or over kMaxSecretFileBytes.
std::string readSecretFile(const std::string& path, const std::string& what);

// The value of environment variable `name`; nothing when it is unset or empty.
std::optional<std::string> environmentValue(const std::string& name);

}  // namespace brobyg::config
