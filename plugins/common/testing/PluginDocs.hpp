// Checks that a file plugin's README and sample.xml agree with its settings table (docs come
// from the code). Header-only, for the plugins' GoogleTest suites.
#pragma once

#include <brobyg_plugin.h>
#include <testing/GoldenCase.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>

namespace brobyg::filetest {

// Every key of the table has a row "| `key` |" in the README.
inline void expectReadmeListsEverySetting(const std::filesystem::path& readme,
                                          const brobyg_setting_def* table, size_t count) {
  const std::string text = brobyg::testing::readTextFile(readme);
  for (size_t i = 0; i < count; ++i)
    EXPECT_NE(text.find("| `" + std::string(table[i].key) + "` |"), std::string::npos)
        << table[i].key;
}

// The settings of a plugin's sample.xml, with the table's defaults. Fails the test for a key
// the table lacks or a <map>/<setting> that does not match the key's type.
inline brobyg::testing::SettingsMap sampleSettings(const std::filesystem::path& sample,
                                                   const std::string& plugin,
                                                   const brobyg_setting_def* table, size_t count) {
  // XML forbids "--" inside a comment; pugixml accepts it, xmllint and other parsers do not.
  const std::string text = brobyg::testing::readTextFile(sample);
  for (size_t open = text.find("<!--"); open != std::string::npos;
       open = text.find("<!--", open + 4)) {
    const size_t close = text.find("-->", open + 4);
    EXPECT_EQ(text.substr(open + 4, close - open - 4).find("--"), std::string::npos)
        << sample << ": \"--\" inside a comment";
  }
  brobyg::testing::SettingsMap settings;
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(sample.c_str())) << sample;
  const pugi::xml_node source = doc.child("source");
  EXPECT_TRUE(source) << sample;
  EXPECT_EQ(std::string(source.attribute("plugin").value()), plugin);
  for (const pugi::xml_node node : source.children()) {
    const std::string key = node.attribute("key").value();
    const auto def = std::find_if(table, table + count,
                                  [&](const brobyg_setting_def& d) { return key == d.key; });
    if (def == table + count) {
      ADD_FAILURE() << "sample.xml: unknown setting " << key;
      continue;
    }
    if (std::string(node.name()) == "map") {
      EXPECT_EQ(def->type, BROBYG_SETTING_MAP) << key;
      for (const pugi::xml_node entry : node.children("entry"))
        settings[key + "." + entry.attribute("key").value()] = entry.text().get();
    } else {
      EXPECT_NE(def->type, BROBYG_SETTING_MAP) << key;
      settings[key] = node.text().get();
    }
  }
  return brobyg::testing::withDefaults(table, count, settings);
}

// The plugin's descriptor is a source called `name` carrying the table, each row described.
inline void expectDescriptorCarriesTable(const brobyg_plugin_descriptor* d, const char* name,
                                         size_t count) {
  EXPECT_EQ(d->abi_major, static_cast<uint32_t>(BROBYG_ABI_MAJOR));
  EXPECT_STREQ(d->name, name);
  EXPECT_EQ(d->kind, static_cast<uint32_t>(BROBYG_KIND_SOURCE));
  EXPECT_EQ(d->setting_count, count);
  for (size_t i = 0; i < d->setting_count; ++i)
    EXPECT_GT(std::strlen(d->settings[i].description), 10u) << d->settings[i].key;
}

}  // namespace brobyg::filetest
