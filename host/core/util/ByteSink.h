#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "util/AtomicFile.h"

namespace brobyg {

// Where a writer's bytes go once they are complete chunks: a file as they are (fileSink), or
// deflated on their way to it (package::DeflatedFile). The target appears only on commit().
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(const char* data, std::size_t size) = 0;
  // Completes the target and renames it into place; returns the bytes written to the sink.
  virtual std::uint64_t commit() = 0;
  virtual const std::string& target() const = 0;
};

// The bytes as they are, into an AtomicFile at `target` (private mode).
std::unique_ptr<ByteSink> fileSink(const std::string& target, Durability durability);

}  // namespace brobyg
