// The README and sample.xml agree with the settings table (docs come from the code).
#include "RestSettingsTable.h"
#include "TestPki.h"

#include <common/testing/PluginDocs.hpp>
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>
#include <pugixml.hpp>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::rest {
namespace {

const std::filesystem::path kDir = std::filesystem::path(BROBYG_SOURCE_DIR) / "plugins" / "rest";

TEST(RestDocs, ReadmeListsEverySetting) {
  filetest::expectReadmeListsEverySetting(kDir / "README.md", kSettings, std::size(kSettings));
}

TEST(RestDocs, SampleCreatesForCaseMeasure) {
  testing::SettingsMap settings =
      filetest::sampleSettings(kDir / "sample.xml", "rest", kSettings, std::size(kSettings));
  settings["ca_file"] = test::TestPki::get().file("ca.crt");  // create() loads the CA
  testing::CreateArgs args(settings, brobyg::testing::datasets::caseMeasure());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  EXPECT_TRUE(instance.created().ok()) << instance.created().error;
}

// A secret comes from a file or an environment variable, never from the sample's text.
TEST(RestDocs, SampleGivesSecretsByFileOrEnvironment) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((kDir / "sample.xml").c_str()));
  for (const pugi::xml_node node : doc.child("source").children("setting")) {
    const std::string key = node.attribute("key").value();
    for (const brobyg_setting_def& def : kSettings)
      if (key == def.key && (def.flags & BROBYG_SETTING_SECRET) != 0) {
        EXPECT_TRUE(node.attribute("file") || node.attribute("env")) << key;
        EXPECT_STREQ(node.text().get(), "") << key;
      }
  }
}

TEST(RestDocs, DescriptorCarriesTheTableAndMarksSecrets) {
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  filetest::expectDescriptorCarriesTable(d, "rest", std::size(kSettings));
  std::vector<std::string> secrets;
  for (size_t i = 0; i < d->setting_count; ++i)
    if ((d->settings[i].flags & BROBYG_SETTING_SECRET) != 0)
      secrets.emplace_back(d->settings[i].key);
  EXPECT_EQ(secrets, (std::vector<std::string>{"token", "client_secret"}));
}

}  // namespace
}  // namespace brobyg::rest
