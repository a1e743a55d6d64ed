// The README and sample.xml agree with the settings table (docs come from the code).
#include "TestSupport.h"

#include <common/testing/PluginDocs.hpp>

#include <gtest/gtest.h>

namespace brobyg::xml {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "xml";

TEST(XmlDocs, ReadmeListsEverySetting) {
  filetest::expectReadmeListsEverySetting(kDir / "README.md", kSettings, std::size(kSettings));
}

// The sample is a case system's export of measures.
TEST(XmlDocs, SampleUsesOnlyTableKeysAndCreates) {
  const testing::SettingsMap settings =
      filetest::sampleSettings(kDir / "sample.xml", "xml", kSettings, std::size(kSettings));
  testing::CreateArgs args(settings, brobyg::testing::datasets::caseMeasure());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(XmlDocs, DescriptorCarriesTheTable) {
  filetest::expectDescriptorCarriesTable(brobyg_plugin_entry(), "xml", std::size(kSettings));
}

}  // namespace
}  // namespace brobyg::xml
