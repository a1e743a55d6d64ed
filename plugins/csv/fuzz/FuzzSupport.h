// Shared by the csv plugin's fuzz targets: settings as the host passes them, and a memory
// source that hands out bytes in uneven chunks.
#pragma once

#include "CsvReader.h"
#include "CsvSettingsTable.h"

#include <brobyg_plugin.hpp>
#include <testing/PluginHarness.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::csv::fuzz {

// Settings with the table's defaults filled in; the strings live as long as this object.
class FuzzSettings {
 public:
  explicit FuzzSettings(const testing::SettingsMap& values)
      : all_(testing::withDefaults(kSettings, std::size(kSettings), values)) {
    for (const auto& [key, value] : all_) abi_.push_back({key.c_str(), value.c_str()});
  }
  sdk::Settings settings() const { return sdk::Settings(abi_.data(), abi_.size()); }

 private:
  testing::SettingsMap all_;
  std::vector<brobyg_setting> abi_;
};

class ChunkedSource : public SeekableSource {
 public:
  ChunkedSource(std::string_view data, size_t chunk)
      : data_(data), chunk_(std::max<size_t>(chunk, 1)) {}
  size_t read(char* buffer, size_t capacity) override {
    const size_t n = std::min({capacity, chunk_, data_.size() - pos_});
    if (n > 0) std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  void seek(std::uint64_t offset) override {
    pos_ = std::min<size_t>(static_cast<size_t>(offset), data_.size());
  }

 private:
  std::string_view data_;
  size_t chunk_;
  size_t pos_ = 0;
};

// Takes bytes off the front of the input to choose parameters.
class Picker {
 public:
  Picker(const std::uint8_t* data, size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}
  std::uint8_t byte() {
    if (rest_.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  // Up to the next '\x01' (or the end): a short text parameter.
  std::string_view text() {
    const size_t stop = std::min(rest_.find('\x01'), rest_.size());
    const std::string_view out = rest_.substr(0, stop);
    rest_.remove_prefix(std::min(stop + 1, rest_.size()));
    return out;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// libFuzzer counts a crash: the invariant is broken.
[[noreturn]] inline void violated(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

}  // namespace brobyg::csv::fuzz
