// The README and sample.xml agree with the settings table (docs come from the code).
#include "TestSupport.h"

#include <common/testing/PluginDocs.hpp>
#include <testing/PluginHarness.hpp>
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "csv";

TEST(CsvDocs, ReadmeListsEverySetting) {
  filetest::expectReadmeListsEverySetting(kDir / "README.md", kSettings, std::size(kSettings));
}

TEST(CsvDocs, SampleUsesOnlyTableKeysAndCreates) {
  const testing::SettingsMap settings =
      filetest::sampleSettings(kDir / "sample.xml", "csv", kSettings, std::size(kSettings));
  testing::CreateArgs args(settings, brobyg::testing::datasets::absenceEvent());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(CsvDocs, DescriptorCarriesTheTable) {
  filetest::expectDescriptorCarriesTable(brobyg_plugin_entry(), "csv", std::size(kSettings));
}

}  // namespace
}  // namespace brobyg::csv
