#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TempDir.h"
#include "config/Config.h"
#include "dataset/DatasetSpec.h"
#include "pipeline/StateLayout.h"
#include "pipeline/stages/Extract.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"
#include "util/FileSecurity.h"

using namespace brobyg;
using pipeline::Extract;
using pipeline::SourceNotReady;

namespace {

struct Collected : pipeline::RowConsumer {
  std::vector<std::string> origins;
  std::vector<std::string> rejects;
  void row(const brobyg_str*, std::size_t, const char* origin) override {
    origins.push_back(origin);
  }
  void reject(const char* origin, const char*, std::string_view) override {
    rejects.push_back(origin);
  }
};

// The retry_once test plugin (tests/conformance/test_plugins) as source "flaky".
struct FlakySource {
  test::TempDir dir;
  config::Config config;
  plugin::PluginRegistry registry{BROBYG_TEST_PLUGIN_DIR};
  FlakySource() {
    config.path = dir.file("brobyg.xml");
    config.directory = dir.path();
    config.service.stateDirectory = dir.file("state");
    config::InstanceConfig source;
    source.id = "flaky";
    source.plugin = "retry_once";
    config.sources.push_back(source);
    createPrivateDirectory(config.service.stateDirectory);
  }
};

}  // namespace

TEST(ExtractStage, ASourceThatIsNotReadyEndsThePullAndLeavesNoCursor) {
  FlakySource flaky;
  state::StateStore store(pipeline::StateLayout(flaky.config).database().string());
  Extract extract(flaky.config, flaky.registry, store, "job");
  Collected rows;
  try {
    extract.pull("flaky", dataset::absenceEvent(), rows);
    FAIL() << "retry_once answers retry-later on its first pull";
  } catch (const SourceNotReady& e) {
    EXPECT_NE(std::string(e.what()).find("source 'flaky'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("still being written"), std::string::npos) << e.what();
  }
  EXPECT_EQ(rows.origins.size(), 20u) << "what came before the answer reached the consumer";
  EXPECT_TRUE(extract.cursors().empty()) << "a cursor of a source that was not ready is dropped";

  // Asked again, it reads everything after the committed cursor (none): all 40 rows.
  Extract again(flaky.config, flaky.registry, store, "job");
  Collected all;
  again.pull("flaky", dataset::absenceEvent(), all);
  EXPECT_EQ(all.origins.size(), 40u);
  EXPECT_EQ(all.rejects.size(), 1u);
  ASSERT_EQ(again.cursors().size(), 1u);
  EXPECT_EQ(again.cursors()[0], (std::pair<std::string, std::string>("flaky", "40")));
}

TEST(ExtractStage, AnUnknownSourceIsAnError) {
  FlakySource flaky;
  state::StateStore store(pipeline::StateLayout(flaky.config).database().string());
  Extract extract(flaky.config, flaky.registry, store, "job");
  Collected rows;
  EXPECT_THROW(extract.pull("nosuch", dataset::absenceEvent(), rows), Error);
}
