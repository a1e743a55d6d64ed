// Helpers shared by the csv plugin's tests.
#pragma once

#include <unistd.h>

#include "CsvReader.h"
#include "CsvSettingsTable.h"

#include <brobyg_plugin.hpp>
#include <common/testing/TestFiles.hpp>
#include <testing/PluginHarness.hpp>

#include <testing/StandardDatasets.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace brobyg::csv::test {

// Hands out `data` in chunks of at most `chunk` bytes, to exercise buffer boundaries.
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string data, size_t chunk = 1 << 20)
      : data_(std::move(data)), chunk_(chunk) {}
  size_t read(char* buffer, size_t capacity) override {
    const size_t n = std::min({capacity, chunk_, data_.size() - pos_});
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t chunk_;
  size_t pos_ = 0;
};

// sdk::Settings with the table's defaults, as the host passes them to create().
inline sdk::Settings settingsOf(const testing::SettingsMap& values) {
  const testing::SettingsMap all = testing::withDefaults(kSettings, std::size(kSettings), values);
  std::vector<brobyg_setting> abi;
  for (const auto& [key, value] : all) abi.push_back({key.c_str(), value.c_str()});
  return sdk::Settings(abi.data(), abi.size());
}

inline sdk::Dataset absenceDataset() {
  return sdk::Dataset(brobyg::testing::datasets::absenceEvent());
}

using filetest::writeFile;

// A fresh, empty folder for one test.
inline std::filesystem::path freshDirectory(const std::string& name) {
  return filetest::freshDirectory("csv", name);
}

}  // namespace brobyg::csv::test
