// Conformance suite: runs over every plugin file the build produced (tier 2, as Kea's
// libloadtests) and checks what every plugin must do, whatever it is for.
#include <gtest/gtest.h>
#include <unistd.h>
#include <pugixml.hpp>

#include <cstring>
#include <filesystem>
#include <set>

#include "dataset/DatasetSpec.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"

namespace fs = std::filesystem;
using namespace brobyg::plugin;

namespace {

std::vector<std::string> builtPluginFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(BROBYG_PLUGIN_DIR))
    if (entry.path().filename().string().rfind("brobyg_", 0) == 0)
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// A value of the right type that points at nothing real, to reach the plugin's own errors.
std::string implausibleValue(const brobyg_setting_def& def) {
  switch (def.type) {
    case BROBYG_SETTING_INT:
      return "1";
    case BROBYG_SETTING_BOOL:
      return "false";
    case BROBYG_SETTING_CHAR:
      return ";";
    case BROBYG_SETTING_DURATION:
      return "1s";
    case BROBYG_SETTING_CHOICE: {
      std::string c = def.choices;
      return c.substr(0, c.find('|'));
    }
    default:
      return "/nonexistent/brobyg-conformance";
  }
}

class EveryPlugin : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST(Conformance, BuildProducedPlugins) {
  auto files = builtPluginFiles();
  std::set<std::string> names;
  for (const auto& f : files) names.insert(fs::path(f).filename().string());
  EXPECT_TRUE(names.count(PluginRegistry::fileNameFor("csv"))) << "csv plugin not built";
  EXPECT_TRUE(names.count(PluginRegistry::fileNameFor("folder"))) << "folder plugin not built";
}

TEST_P(EveryPlugin, LoadsWithWellFormedDescriptor) {
  auto library = PluginLibrary::load(GetParam());
  const auto& d = library->descriptor();
  EXPECT_EQ(d.abi_major, static_cast<uint32_t>(BROBYG_ABI_MAJOR));
  EXPECT_LE(d.abi_minor, static_cast<uint32_t>(BROBYG_ABI_MINOR));
  EXPECT_GE(d.struct_size, sizeof(brobyg_plugin_descriptor));
  EXPECT_TRUE(descriptorProblems(d).empty());
  EXPECT_EQ(fs::path(GetParam()).filename().string(), PluginRegistry::fileNameFor(d.name));
  EXPECT_STRNE(d.description, "");
  EXPECT_GT(d.setting_count, 0u) << "a plugin without settings cannot be pointed anywhere";
}

TEST_P(EveryPlugin, LoadingTwiceGivesTheSameDescriptor) {
  auto first = PluginLibrary::load(GetParam());
  auto second = PluginLibrary::load(GetParam());
  // The host keeps its own copy of what the entry point returns (readDescriptor).
  EXPECT_EQ(std::memcmp(&first->descriptor(), &second->descriptor(),
                        sizeof(brobyg_plugin_descriptor)),
            0);
}

TEST_P(EveryPlugin, HostReportsEveryMissingRequiredSetting) {
  auto library = PluginLibrary::load(GetParam());
  auto result = validateSettings("source 'x'", *library, {}, "/tmp", 7);
  std::size_t required = 0;
  for (const auto& def : library->settings())
    if (def.flags & BROBYG_SETTING_REQUIRED) {
      ++required;
      bool named = false;
      for (const auto& p : result.problems)
        named |= p.message.find("'" + std::string(def.key) + "'") != std::string::npos;
      EXPECT_TRUE(named) << def.key;
    }
  EXPECT_EQ(result.problems.size(), required);
  for (const auto& p : result.problems) EXPECT_EQ(p.line, 7);
}

TEST_P(EveryPlugin, HostRefusesUnknownAndMistypedSettings) {
  auto library = PluginLibrary::load(GetParam());
  std::vector<ConfiguredSetting> settings{{"no_such_setting_anywhere", "1", 3}};
  for (const auto& def : library->settings())
    if (def.type == BROBYG_SETTING_INT || def.type == BROBYG_SETTING_BOOL)
      settings.push_back({def.key, "not-a-number-or-bool", 4});
  auto result = validateSettings("source 'x'", *library, settings, "/tmp");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.problems[0].message.find("unknown setting 'no_such_setting_anywhere'"),
            std::string::npos);
  EXPECT_EQ(result.problems[0].line, 3);
  for (std::size_t i = 1; i < settings.size(); ++i) {
    bool found = false;
    for (const auto& p : result.problems)
      found |=
          p.message.find("'" + settings[i].key + "' has an invalid value") != std::string::npos;
    EXPECT_TRUE(found) << settings[i].key;
  }
}

TEST_P(EveryPlugin, PointedAtNothingFailsWithItsOwnMessageNotACrash) {
  auto library = PluginLibrary::load(GetParam());
  std::vector<ConfiguredSetting> settings;
  for (const auto& def : library->settings())
    if (def.flags & BROBYG_SETTING_REQUIRED) {
      if (def.type == BROBYG_SETTING_MAP) continue;
      settings.push_back({def.key, implausibleValue(def), 1});
    }
  auto validated = validateSettings("instance 'conformance'", *library, settings, "/tmp");
  const brobyg_dataset_def* dataset =
      library->isSource() ? brobyg::dataset::absenceEvent().abi() : nullptr;
  try {
    PluginInstance instance(library, "conformance", "instance 'conformance'", validated, dataset,
                            "/tmp");
    instance.check();
    ADD_FAILURE() << "a plugin pointed at /nonexistent should fail create or check";
  } catch (const PluginError& e) {
    std::string message = e.what();
    EXPECT_EQ(message.rfind("instance 'conformance': ", 0), 0u) << message;
    EXPECT_EQ(message.find("the plugin gave no reason"), std::string::npos) << message;
  }
}

namespace {

// The settings of a plugin's own sample.xml (Telegraf's sample.conf), with every path moved
// into `dir` so that the instance can really start.
std::vector<ConfiguredSetting> sampleSettings(const PluginLibrary& library, const fs::path& dir) {
  fs::path sample = fs::path(BROBYG_SOURCE_DIR) / "plugins" / library.name() / "sample.xml";
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(sample.c_str())) << sample;
  std::vector<ConfiguredSetting> settings;
  for (const auto& node : doc.document_element().children()) {
    std::string key = node.attribute("key").value();
    if (std::string(node.name()) == "setting") {
      const brobyg_setting_def* def = library.findSetting(key);
      bool path = def != nullptr && def->type == BROBYG_SETTING_PATH;
      settings.push_back({key, path ? dir.string() : std::string(node.text().get()), 1});
      // A secret's sample names its file or variable: stand in a value read from there.
      if (node.attribute("file") || node.attribute("env")) {
        settings.back().value = "conformance-secret";
        settings.back().origin = node.attribute("file") ? SettingOrigin::File : SettingOrigin::Env;
      }
    } else if (std::string(node.name()) == "map") {
      for (const auto& entry : node.children("entry"))
        settings.push_back({key + "." + entry.attribute("key").value(), entry.text().get(), 1});
    }
  }
  return settings;
}

// check() passes, or, for a plugin whose sample names a server no test can reach (rest's
// API), answers retry-later: the answer for a server that is down, not a failure.
void checkReachesOrRetriesLater(PluginInstance& instance) {
  try {
    instance.check();
  } catch (const PluginError& e) {
    EXPECT_TRUE(e.retryLater()) << e.what();
  }
}

}  // namespace

TEST_P(EveryPlugin, SampleConfigurationIsValidAndInstancesComeAndGo) {
  auto library = PluginLibrary::load(GetParam());
  fs::path dir = fs::temp_directory_path() /
                 ("brobyg-conformance-" + std::to_string(::getpid()) + "-" + library->name());
  fs::create_directories(dir);
  auto validated = validateSettings("sample", *library, sampleSettings(*library, dir), "/tmp");
  ASSERT_TRUE(validated.ok()) << "plugins/" << library->name()
                              << "/sample.xml does not match the plugin's settings table: "
                              << validated.problems.front().message;
  // A source's sample is written for one dataset (a case system's maps case_measure's fields):
  // the first of the host's datasets it creates an instance with.
  const brobyg_dataset_def* dataset = nullptr;
  for (const auto* spec : library->isSource() ? brobyg::dataset::allDatasets()
                                              : std::vector<const brobyg::dataset::DatasetSpec*>{})
    try {
      PluginInstance probe(library, "probe", "instance 'probe'", validated, spec->abi(), "/tmp");
      dataset = spec->abi();
      break;
    } catch (const PluginError&) {
    }
  if (library->isSource()) {
    ASSERT_NE(dataset, nullptr) << "sample.xml fits no dataset";
  }
  // Many instances, one after another and side by side: every create has its destroy.
  for (int round = 0; round < 20; ++round) {
    PluginInstance a(library, "a", "instance 'a'", validated, dataset, dir.string());
    PluginInstance b(library, "b", "instance 'b'", validated, dataset, dir.string());
    checkReachesOrRetriesLater(a);
    checkReachesOrRetriesLater(b);
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Built, EveryPlugin, ::testing::ValuesIn(builtPluginFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return fs::path(param.param).stem().string();
                         });
