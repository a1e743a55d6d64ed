#pragma once

#include <stdexcept>
#include <string>

namespace brobyg {

// A failure the admin can act on. Messages name files, lines and settings, never personal
// data: identifiers and row contents go to the quarantine, not into exceptions.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Formats "file:line: message" (line 0 leaves the line out).
std::string located(const std::string& file, long line, const std::string& message);

// Formats "path: what: <the C library's text for errno>", for a failed system call.
std::string systemError(const std::string& path, const std::string& what);

}  // namespace brobyg
