// The host side of the boundary, against real shared libraries built for the purpose:
// ABI refusal, and failures inside plugins turned into errors with the plugin's own text.
#include <gtest/gtest.h>

#include <cstddef>

#include "dataset/DatasetSpec.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"

using namespace brobyg::plugin;

namespace {

std::string testPlugin(const std::string& name) {
  return std::string(BROBYG_TEST_PLUGIN_DIR) + "/" + PluginRegistry::fileNameFor(name);
}

struct Recorder : RowHandler {
  std::vector<std::string> origins;
  std::vector<std::string> rejects;
  std::string cursor_;
  bool throwOnRow = false;
  void row(const brobyg_str*, std::size_t, const char* origin) override {
    if (throwOnRow) throw std::runtime_error("host side failed");
    origins.push_back(origin);
  }
  void reject(const char* origin, const char* reason, std::string_view raw) override {
    rejects.push_back(std::string(origin) + "|" + reason + "|" + std::string(raw));
  }
  void cursor(std::string_view c) override { cursor_ = c; }
};

std::unique_ptr<PluginInstance> makeThrowing(const std::string& mode) {
  auto library = PluginLibrary::load(testPlugin("throwing"));
  auto settings = validateSettings("source 't'", *library, {{"mode", mode, 1}}, "");
  EXPECT_TRUE(settings.ok());
  return std::make_unique<PluginInstance>(library, "t", "source 't' (plugin throwing)", settings,
                                          brobyg::dataset::absenceEvent().abi(), "/tmp");
}

}  // namespace

TEST(AbiRefusal, OtherMajorIsRefusedWithAClearMessage) {
  try {
    PluginLibrary::load(testPlugin("wrongabi"));
    FAIL() << "a plugin for ABI 2 must be refused";
  } catch (const brobyg::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("built for plugin ABI 2.0"), std::string::npos) << message;
    EXPECT_NE(message.find("speaks ABI 1."), std::string::npos) << message;
    EXPECT_NE(message.find("brobyg_wrongabi"), std::string::npos) << message;
  }
}

TEST(AbiRefusal, RegistryRecordsTheRefusalAndKeepsTheOthers) {
  PluginRegistry registry(BROBYG_TEST_PLUGIN_DIR);
  EXPECT_EQ(registry.find("wrongabi"), nullptr);
  EXPECT_NE(registry.find("throwing"), nullptr);
  EXPECT_NE(registry.missingMessage("wrongabi").find("ABI"), std::string::npos);
  EXPECT_NE(registry.missingMessage("nosuch").find(
                "installed: abi_bigger, abi_exact, misbehaving, retry_once, throwing"),
            std::string::npos)
      << registry.missingMessage("nosuch");
}

// brobyg_plugin.h: "accepts an older abi_minor; struct_size tells how much of the descriptor
// the plugin knows". Each descriptor below ends at an unreadable page: reading past its
// struct_size would crash the test.
TEST(AbiSize, ADescriptorOfTheAbi10SizeLoads) {
  EXPECT_EQ(kDescriptorSize_1_0, offsetof(brobyg_plugin_descriptor, destroy) + sizeof(void*));
  auto library = PluginLibrary::load(testPlugin("abi_exact"));
  EXPECT_EQ(library->name(), "abi_exact");
  EXPECT_EQ(library->descriptor().struct_size, kDescriptorSize_1_0);
  auto settings = validateSettings("source 'old'", *library, {}, "");
  PluginInstance instance(library, "old", "source 'old' (plugin abi_exact)", settings,
                          brobyg::dataset::absenceEvent().abi(), "/tmp");
  Recorder rows;
  instance.pull(std::nullopt, rows);
  EXPECT_TRUE(rows.origins.empty());
}

TEST(AbiSize, ALargerDescriptorOfAKnownMinorLoadsAndItsTailIsNotRead) {
  auto library = PluginLibrary::load(testPlugin("abi_bigger"));
  EXPECT_EQ(library->name(), "abi_bigger");
  EXPECT_GT(library->descriptor().struct_size, sizeof(brobyg_plugin_descriptor));
}

TEST(AbiSize, ADescriptorShorterThanAbi10IsRefusedWithoutReadingIt) {
  try {
    PluginLibrary::load(testPlugin("abi_truncated"));
    FAIL() << "a descriptor shorter than ABI 1.0 must be refused";
  } catch (const brobyg::Error& e) {
    EXPECT_NE(std::string(e.what()).find("descriptor is truncated"), std::string::npos) << e.what();
  }
}

TEST(AbiSize, TheHostCopiesNoMoreThanStructSize) {
  brobyg_plugin_descriptor full{};
  full.abi_major = BROBYG_ABI_MAJOR;
  full.abi_minor = 0;
  full.struct_size = kDescriptorSize_1_0;
  full.name = "x";
  brobyg_plugin_descriptor copy = readDescriptor(&full);
  EXPECT_STREQ(copy.name, "x");
  full.abi_major = BROBYG_ABI_MAJOR + 1;
  EXPECT_EQ(readDescriptor(&full).name, nullptr) << "another major: only the header is read";
  full.abi_major = BROBYG_ABI_MAJOR;
  full.abi_minor = BROBYG_ABI_MINOR + 1;
  EXPECT_EQ(readDescriptor(&full).name, nullptr) << "a newer minor: only the header is read";
  EXPECT_NE(descriptorProblems(readDescriptor(&full)).front().message.find("upgrade brobyg"),
            std::string::npos);
}

TEST(AbiRefusal, NonPluginFileIsRefused) {
  EXPECT_THROW(PluginLibrary::load("/nonexistent/brobyg_x.so"), brobyg::Error);
}

TEST(Boundary, WorkingPluginPassesRowsRejectsAndCursor) {
  auto instance = makeThrowing("ok");
  instance->check();
  Recorder recorder;
  instance->pull(std::string("c1"), recorder);
  EXPECT_EQ(recorder.origins, (std::vector<std::string>{"test:1", "test:2", "test:3"}));
  ASSERT_EQ(recorder.rejects.size(), 1u);
  EXPECT_EQ(recorder.rejects[0], "test:99|rejected on purpose|raw row");
  EXPECT_EQ(recorder.cursor_, "c1+");
}

TEST(Boundary, CreateFailureCarriesThePluginsText) {
  try {
    makeThrowing("throw_create");
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_STREQ(e.what(), "source 't' (plugin throwing): cannot start: create refused on purpose");
    EXPECT_FALSE(e.retryLater());
  }
}

TEST(Boundary, CheckAndPullFailuresCarryThePluginsText) {
  Recorder recorder;
  try {
    makeThrowing("throw_check")->check();
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_NE(std::string(e.what()).find("check failed: check failed on purpose"),
              std::string::npos);
  }
  try {
    makeThrowing("throw_pull")->pull(std::nullopt, recorder);
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_NE(std::string(e.what()).find("reading failed: pull failed on purpose"),
              std::string::npos);
    EXPECT_FALSE(e.retryLater());
  }
}

TEST(Boundary, RetryLaterIsKeptApart) {
  Recorder recorder;
  try {
    makeThrowing("retry_pull")->pull(std::nullopt, recorder);
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_TRUE(e.retryLater());
  }
}

TEST(Boundary, NonStandardExceptionDoesNotCrossTheBoundary) {
  Recorder recorder;
  try {
    makeThrowing("throw_unknown")->pull(std::nullopt, recorder);
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown exception in plugin"), std::string::npos);
  }
}

TEST(Boundary, HostFailureInTheSinkStopsThePullAndSurfaces) {
  auto instance = makeThrowing("ok");
  Recorder recorder;
  recorder.throwOnRow = true;
  EXPECT_THROW(instance->pull(std::nullopt, recorder), std::runtime_error);
  EXPECT_TRUE(recorder.origins.empty());
  EXPECT_EQ(recorder.cursor_, "") << "no cursor may be recorded after the host failed";
}

TEST(Boundary, AnUnterminatedErrorBufferIsNotReadPastItsEnd) {
  auto library = PluginLibrary::load(testPlugin("misbehaving"));
  auto settings = validateSettings("source 'm'", *library, {{"mode", "fill_error", 1}}, "");
  try {
    PluginInstance instance(library, "m", "source 'm'", settings,
                            brobyg::dataset::absenceEvent().abi(), "/tmp");
    FAIL();
  } catch (const PluginError& e) {
    std::string message = e.what();
    std::string prefix = "source 'm': cannot start: ";
    ASSERT_EQ(message.rfind(prefix, 0), 0u);
    EXPECT_EQ(message.size(), prefix.size() + 2047) << "at most capacity - 1 bytes of the buffer";
    EXPECT_EQ(message.find_first_not_of('x', prefix.size()), std::string::npos);
  }
}

TEST(Boundary, MalformedValuesGoToQuarantineNotThroughTheHost) {
  auto library = PluginLibrary::load(testPlugin("misbehaving"));
  auto settings = validateSettings("source 'm'", *library, {{"mode", "bad_values", 1}}, "");
  PluginInstance instance(library, "m", "source 'm'", settings,
                          brobyg::dataset::absenceEvent().abi(), "/tmp");
  Recorder recorder;
  recorder.cursor_ = "unchanged";
  instance.pull(std::nullopt, recorder);
  EXPECT_EQ(recorder.origins, std::vector<std::string>{"good:4"});
  ASSERT_EQ(recorder.rejects.size(), 3u);
  EXPECT_EQ(recorder.rejects[0], "bad:1|plugin passed a value without data or over 64 KiB|");
  EXPECT_EQ(recorder.rejects[1], "bad:2|plugin passed a value without data or over 64 KiB|");
  EXPECT_EQ(recorder.rejects[2], "bad:3|plugin passed no values|");
  EXPECT_EQ(recorder.cursor_, "") << "a null cursor with a size is read as empty";
}
