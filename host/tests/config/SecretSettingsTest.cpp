// Settings from a private file or an environment variable; secret settings only that way,
// and their values never in a problem, an error or a log line.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "Env.h"
#include "FileMode.h"
#include "TempDir.h"
#include "config/ConfigLoader.h"
#include "config/SecretValue.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"
#include "plugin/SettingsValidator.h"

namespace fs = std::filesystem;
using namespace brobyg;
using namespace brobyg::config;

namespace {

constexpr const char* kSecret = "Kode-7f3a-hemmelig";

// The repair brobyg names for a file others can read (util/FileSecurityPosix.cpp,
// util/FileSecurityWindows.cpp).
#ifdef _WIN32
constexpr const char* kMakePrivate = "icacls";
#else
constexpr const char* kMakePrivate = "chmod 600";
#endif

// A path as the loader resolves it on this platform: absolute and normalised, in the
// platform's spelling (on Windows a drive letter and backslashes).
std::string resolved(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

std::string writeFile(const std::string& path, const std::string& content, int mode) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  test::setFileMode(path, static_cast<unsigned>(mode));
  return path;
}

// A configuration whose source has the given <setting ... /> element on line 4.
std::string configWith(const test::TempDir& dir, const std::string& setting) {
  return writeFile(dir.file("brobyg.xml"),
                   "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
                   "<source id=\"sager\" plugin=\"sql\">\n  " +
                       setting + "\n</source>\n</brobyg>\n",
                   0600);
}

const plugin::ConfiguredSetting* findSetting(const Config& config, const std::string& key) {
  for (const auto& s : config.sources.at(0).settings)
    if (s.key == key) return &s;
  return nullptr;
}

std::string problemsText(const std::vector<Problem>& problems) {
  return formatProblems("cfg", problems);
}

// The minimal configurations here lack <service> and <producer>; only line 4 matters.
bool problemAt(const std::vector<Problem>& problems, long line) {
  for (const auto& p : problems)
    if (p.line == line) return true;
  return false;
}

bool mentionsAt(const std::vector<Problem>& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(SecretSettings, AValueFromAPrivateFileLosesOneTrailingNewline) {
  test::TempDir dir;
  fs::create_directories(dir.file("secrets"));
  writeFile(dir.file("secrets/db.pw"), std::string(kSecret) + "\n", 0600);
  std::vector<Problem> problems;
  Config config =
      parseConfig(configWith(dir, "<setting key=\"password\" file=\"secrets/db.pw\"/>"), problems);
  EXPECT_FALSE(problemAt(problems, 4)) << problemsText(problems);
  const auto* setting = findSetting(config, "password");
  ASSERT_NE(setting, nullptr);
  EXPECT_EQ(setting->value, kSecret);
  EXPECT_EQ(setting->origin, plugin::SettingOrigin::File);
  EXPECT_EQ(setting->line, 4);

  writeFile(dir.file("secrets/two.pw"), "a b\r\n\n", 0600);
  EXPECT_EQ(readSecretFile(dir.file("secrets/two.pw"), "secret file"), "a b\r\n")
      << "only one newline is dropped";
  writeFile(dir.file("secrets/crlf.pw"), "a b\r\n", 0600);
  EXPECT_EQ(readSecretFile(dir.file("secrets/crlf.pw"), "secret file"), "a b");
}

TEST(SecretSettings, AValueFromAnEnvironmentVariable) {
  test::TempDir dir;
  test::setEnv("BROBYG_TEST_SECRET_SETTING", kSecret);
  std::vector<Problem> problems;
  Config config = parseConfig(
      configWith(dir, "<setting key=\"password\" env=\"BROBYG_TEST_SECRET_SETTING\"/>"), problems);
  test::unsetEnv("BROBYG_TEST_SECRET_SETTING");
  EXPECT_FALSE(problemAt(problems, 4)) << problemsText(problems);
  const auto* setting = findSetting(config, "password");
  ASSERT_NE(setting, nullptr);
  EXPECT_EQ(setting->value, kSecret);
  EXPECT_EQ(setting->origin, plugin::SettingOrigin::Env);
}

TEST(SecretSettings, AFileOthersCanReadIsRefusedNamingTheFileNotItsContent) {
  test::TempDir dir;
  const std::string file = writeFile(dir.file("db.pw"), kSecret, 0644);
  std::vector<Problem> problems;
  parseConfig(configWith(dir, "<setting key=\"password\" file=\"db.pw\"/>"), problems);
  EXPECT_TRUE(mentionsAt(problems, 4, "setting 'password'")) << problemsText(problems);
  EXPECT_TRUE(mentionsAt(problems, 4, resolved(file))) << problemsText(problems);
  EXPECT_TRUE(mentionsAt(problems, 4, kMakePrivate)) << problemsText(problems);
  EXPECT_EQ(problemsText(problems).find(kSecret), std::string::npos);

  std::vector<Problem> missing;
  parseConfig(configWith(dir, "<setting key=\"password\" file=\"nope.pw\"/>"), missing);
  EXPECT_TRUE(mentionsAt(missing, 4, "does not exist")) << problemsText(missing);
}

TEST(SecretSettings, AnUnsetOrEmptyVariableNamesTheSettingAndTheVariable) {
  test::TempDir dir;
  test::unsetEnv("BROBYG_TEST_UNSET_VARIABLE");
  test::setEnv("BROBYG_TEST_EMPTY_VARIABLE", "");
  for (const char* variable : {"BROBYG_TEST_UNSET_VARIABLE", "BROBYG_TEST_EMPTY_VARIABLE"}) {
    std::vector<Problem> problems;
    parseConfig(
        configWith(dir, std::string("<setting key=\"password\" env=\"") + variable + "\"/>"),
        problems);
    EXPECT_TRUE(mentionsAt(problems, 4,
                           std::string("setting 'password': environment variable '") + variable +
                               "' is not set or empty"))
        << problemsText(problems);
  }
  test::unsetEnv("BROBYG_TEST_EMPTY_VARIABLE");
}

TEST(SecretSettings, TheValueComesOneWayOnly) {
  test::TempDir dir;
  writeFile(dir.file("db.pw"), kSecret, 0600);
  test::setEnv("BROBYG_TEST_SECRET_SETTING", kSecret);
  for (const char* setting :
       {"<setting key=\"password\" file=\"db.pw\" env=\"BROBYG_TEST_SECRET_SETTING\"/>",
        "<setting key=\"password\" file=\"db.pw\">inline</setting>"}) {
    std::vector<Problem> problems;
    parseConfig(configWith(dir, setting), problems);
    EXPECT_TRUE(mentionsAt(problems, 4, "give its value one way")) << problemsText(problems);
    EXPECT_EQ(problemsText(problems).find(kSecret), std::string::npos);
  }
  test::unsetEnv("BROBYG_TEST_SECRET_SETTING");
}

namespace {

std::shared_ptr<plugin::PluginLibrary> sqlPlugin() {
  plugin::PluginRegistry registry(BROBYG_PLUGIN_DIR);
  auto library = registry.find("sql");
  EXPECT_NE(library, nullptr) << "the sql plugin is not built in " << BROBYG_PLUGIN_DIR;
  return library;
}

}  // namespace

TEST(SecretSettings, ASecretWrittenInlineIsRefusedNamingTheSettingNotTheValue) {
  auto sql = sqlPlugin();
  ASSERT_NE(sql, nullptr);
  std::vector<plugin::ConfiguredSetting> settings{
      {"connector", "postgresql", 4}, {"password", kSecret, 5, plugin::SettingOrigin::Inline}};
  auto validated = plugin::validateSettings("source 'sager' (plugin sql)", *sql, settings, "/");
  EXPECT_TRUE(mentionsAt(validated.problems, 5, "setting 'password' is secret"))
      << problemsText(validated.problems);
  EXPECT_EQ(problemsText(validated.problems).find(kSecret), std::string::npos);
  EXPECT_TRUE(validated.secrets.empty());

  settings[1].origin = plugin::SettingOrigin::File;
  validated = plugin::validateSettings("source 'sager' (plugin sql)", *sql, settings, "/");
  EXPECT_FALSE(mentionsAt(validated.problems, 5, "password")) << problemsText(validated.problems);
  EXPECT_EQ(validated.secrets, std::vector<std::string>{kSecret});
}

namespace {

// Keeps every message logged under brobyg.plugin.* while it lives.
class CapturedLog : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override { text += message.getText() + "\n"; }
  std::string text;
};

}  // namespace

TEST(SecretSettings, ThePluginsOwnErrorsAndLogLinesHaveTheSecretBlankedOut) {
  plugin::PluginRegistry registry(BROBYG_SECRET_TEST_PLUGIN_DIR);
  auto echo = registry.find("echo_secret");
  ASSERT_NE(echo, nullptr) << BROBYG_SECRET_TEST_PLUGIN_DIR;
  std::vector<plugin::ConfiguredSetting> settings{
      {"token", kSecret, 4, plugin::SettingOrigin::Env}};
  auto validated = plugin::validateSettings("source 'echo'", *echo, settings, "/");
  ASSERT_TRUE(validated.ok()) << problemsText(validated.problems);

  Poco::AutoPtr<CapturedLog> channel(new CapturedLog);
  Poco::Logger& logger = Poco::Logger::get("brobyg.plugin.echo");
  logger.setChannel(channel);
  logger.setLevel(Poco::Message::PRIO_DEBUG);
  std::string error;
  try {
    plugin::PluginInstance instance(echo, "echo", "source 'echo'", validated, nullptr, "");
  } catch (const plugin::PluginError& e) {
    error = e.what();
  }
  logger.setChannel(nullptr);
  EXPECT_EQ(error, "source 'echo': cannot start: refusing token (secret)");
  EXPECT_EQ(channel->text, "logging the token (secret), twice: (secret)\n");
}
