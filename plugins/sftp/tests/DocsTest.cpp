// The README and sample.xml agree with the settings table (docs come from the code).
#include "../SftpSettingsTable.h"

#include <common/testing/PluginDocs.hpp>

#include <gtest/gtest.h>
#include <pugixml.hpp>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::sftp {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "sftp";

TEST(SftpDocs, ReadmeListsEverySetting) {
  filetest::expectReadmeListsEverySetting(kDir / "README.md", kSettings, std::size(kSettings));
}

TEST(SftpDocs, SampleUsesOnlyTableKeysAndCreates) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((kDir / "sample.xml").c_str()));
  const pugi::xml_node destination = doc.child("destination");
  ASSERT_TRUE(destination);
  EXPECT_STREQ(destination.attribute("plugin").value(), "sftp");
  testing::SettingsMap settings;
  for (const pugi::xml_node setting : destination.children("setting")) {
    const std::string key = setting.attribute("key").value();
    EXPECT_TRUE(std::any_of(std::begin(kSettings), std::end(kSettings),
                            [&](const brobyg_setting_def& d) { return key == d.key; }))
        << key;
    // The sample reads its passphrase from a file; create() gets the value the host read.
    settings[key] = setting.attribute("file") ? "from-the-secret-file" : setting.text().get();
  }
  testing::CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings),
                           nullptr);
  testing::DestinationInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(SftpDocs, DescriptorCarriesTheTableWithThePassphraseSecret) {
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  EXPECT_STREQ(d->name, "sftp");
  EXPECT_EQ(d->kind, static_cast<uint32_t>(BROBYG_KIND_DESTINATION));
  ASSERT_EQ(d->setting_count, std::size(kSettings));
  for (size_t i = 0; i < d->setting_count; ++i) {
    EXPECT_GT(std::strlen(d->settings[i].description), 10u) << d->settings[i].key;
    const bool secret = (d->settings[i].flags & BROBYG_SETTING_SECRET) != 0;
    EXPECT_EQ(secret, std::string(d->settings[i].key) == "passphrase") << d->settings[i].key;
  }
}

}  // namespace
}  // namespace brobyg::sftp
