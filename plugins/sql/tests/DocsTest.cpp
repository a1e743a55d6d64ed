// The README and sample.xml agree with the settings table (docs come from the code).
#include "SqlTestSupport.h"

#include <common/testing/PluginDocs.hpp>

#include <gtest/gtest.h>

namespace brobyg::sql {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "sql";

TEST(SqlDocs, ReadmeListsEverySetting) {
  filetest::expectReadmeListsEverySetting(kDir / "README.md", kSettings, std::size(kSettings));
}

TEST(SqlDocs, SampleUsesOnlyTableKeysAndCreates) {
  testing::SettingsMap settings =
      filetest::sampleSettings(kDir / "sample.xml", "sql", kSettings, std::size(kSettings));
  // The sample reads its password from a file; create() gets the value the host read.
  settings["password"] = "from-the-secret-file";
  testing::CreateArgs args(settings, brobyg::testing::datasets::caseMeasure());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(SqlDocs, DescriptorCarriesTheTableWithThePasswordSecret) {
  filetest::expectDescriptorCarriesTable(brobyg_plugin_entry(), "sql", std::size(kSettings));
  bool secret = false;
  for (const auto& def : kSettings)
    if (std::string(def.key) == "password") secret = (def.flags & BROBYG_SETTING_SECRET) != 0;
  EXPECT_TRUE(secret);
}

}  // namespace
}  // namespace brobyg::sql
