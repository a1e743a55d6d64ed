// The README and sample.xml agree with the settings table (docs come from the code).
#include "RestSettingsTable.h"
#include "TestPki.h"

#include <dataset/DatasetSpec.h>
#include <testing/GoldenCase.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::rest {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "rest";

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
  EXPECT_STREQ(source.attribute("plugin").value(), "rest");
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
      // A secret comes from a file or an environment variable, never from the text.
      if ((def->flags & BROBYG_SETTING_SECRET) != 0) {
        EXPECT_TRUE(node.attribute("file") || node.attribute("env")) << key;
        settings[key] = "from-a-file";
      } else if (def->type == BROBYG_SETTING_PATH) {
        settings[key] = test::TestPki::get().file("ca.crt");  // create() loads the CA
      } else {
        settings[key] = node.text().get();
      }
    }
  }
  testing::CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings),
                           dataset::caseMeasure().abi());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

TEST(Docs, DescriptorCarriesTheTableAndMarksSecrets) {
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  EXPECT_STREQ(d->name, "rest");
  EXPECT_EQ(d->kind, static_cast<uint32_t>(BROBYG_KIND_SOURCE));
  EXPECT_EQ(d->setting_count, std::size(kSettings));
  std::vector<std::string> secrets;
  for (size_t i = 0; i < d->setting_count; ++i) {
    EXPECT_GT(std::strlen(d->settings[i].description), 10u);
    if ((d->settings[i].flags & BROBYG_SETTING_SECRET) != 0)
      secrets.emplace_back(d->settings[i].key);
  }
  EXPECT_EQ(secrets, (std::vector<std::string>{"token", "client_secret"}));
}

}  // namespace
}  // namespace brobyg::rest
