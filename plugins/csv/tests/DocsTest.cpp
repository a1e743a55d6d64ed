// The README and sample.xml agree with the settings table (docs come from the code).
#include "TestSupport.h"

#include <testing/GoldenCase.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>
#include <pugixml.hpp>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "csv";

TEST(Docs, ReadmeListsEverySetting) {
  const std::string readme = testing::readTextFile(kDir / "README.md");
  for (const brobyg_setting_def& def : kSettings)
    EXPECT_NE(readme.find("| `" + std::string(def.key) + "` |"), std::string::npos) << def.key;
}

TEST(Docs, SampleUsesOnlyTableKeysAndCreates) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((kDir / "sample.xml").c_str()));
  const pugi::xml_node source = doc.child("source");
  ASSERT_TRUE(source);
  EXPECT_STREQ(source.attribute("plugin").value(), "csv");
  testing::SettingsMap settings;
  for (const pugi::xml_node node : source.children()) {
    const std::string key = node.attribute("key").value();
    const auto def = std::find_if(std::begin(kSettings), std::end(kSettings),
                                  [&](const brobyg_setting_def& d) { return key == d.key; });
    ASSERT_NE(def, std::end(kSettings)) << key;
    if (std::string(node.name()) == "map") {
      EXPECT_EQ(def->type, BROBYG_SETTING_MAP) << key;
      for (const pugi::xml_node entry : node.children("entry"))
        settings[key + "." + entry.attribute("key").value()] = entry.text().get();
    } else {
      EXPECT_NE(def->type, BROBYG_SETTING_MAP) << key;
      settings[key] = node.text().get();
    }
  }
  testing::CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings),
                           brobyg::dataset::absenceEvent().abi());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(Docs, DescriptorCarriesTheTable) {
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  EXPECT_EQ(d->abi_major, static_cast<uint32_t>(BROBYG_ABI_MAJOR));
  EXPECT_STREQ(d->name, "csv");
  EXPECT_EQ(d->kind, static_cast<uint32_t>(BROBYG_KIND_SOURCE));
  EXPECT_EQ(d->setting_count, std::size(kSettings));
  for (size_t i = 0; i < d->setting_count; ++i)
    EXPECT_GT(std::strlen(d->settings[i].description), 10u);
}

}  // namespace
}  // namespace brobyg::csv
