// Helpers shared by the xml plugin's tests.
#pragma once

#include "XmlSettingsTable.h"

#include <brobyg_plugin.hpp>
#include <common/testing/TestFiles.hpp>
#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>

#include <testing/StandardDatasets.hpp>

#include <filesystem>
#include <string>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::xml::test {

using filetest::writeFile;

// A fresh, empty folder for one test.
inline std::filesystem::path freshDirectory(const std::string& name) {
  return filetest::freshDirectory("xml", name);
}

// The plugin through its C descriptor, with the table's defaults filled in.
struct Plugin {
  Plugin(const testing::SettingsMap& settings, const brobyg_dataset_def* dataset)
      : args(testing::withDefaults(kSettings, std::size(kSettings), settings), dataset),
        instance(brobyg_plugin_entry(), args) {}
  testing::CreateArgs args;
  testing::SourceInstance instance;
};

}  // namespace brobyg::xml::test
