#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/AtomicFile.h"

namespace brobyg::state {

// Rejected rows of one run, kept locally for the municipality to correct: a CSV file
// (origin, reason, raw row) with mode 0600 in a 0700 folder. Never logged, never packaged.
// Created on the first rejected row, so a clean run leaves no file.
class Quarantine {
 public:
  Quarantine(std::string directory, std::string runName);
  void add(std::string_view source, std::string_view origin, std::string_view reason,
           std::string_view raw);
  void close();  // makes the file durable
  std::uint64_t count() const { return count_; }
  // The file's path, or empty when nothing was rejected.
  std::string path() const { return file_ ? file_->path() : std::string(); }

 private:
  std::string directory_;
  std::string runName_;
  std::unique_ptr<OutputFile> file_;
  std::uint64_t count_ = 0;
  std::string line_;
};

}  // namespace brobyg::state
