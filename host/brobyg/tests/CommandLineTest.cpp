#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "CommandHelp.h"
#include "Target.h"

namespace {

struct Output {
  std::string text;  // stdout and stderr together
  int exitCode = -1;
};

// Runs the brobyg binary with `arguments` (shell words) and collects what it prints.
Output runBrobyg(const std::string& arguments) {
  Output out;
  std::string command = brobyg::e2e::target().program("brobyg") + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    out.text.append(buffer.data(), n);
  int status = ::pclose(pipe);
  out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out.text = brobyg::e2e::target().withLinuxLineEnds(std::move(out.text));
  return out;
}

}  // namespace

// Review finding #15: every command has its own page with usage, options and an example.
TEST(CommandLine, EveryCommandHasItsOwnHelp) {
  for (const auto& help : brobyg::cli::commandHelps()) {
    const std::string name = help.name;
    for (const std::string& asked : {name + " --help", name + " -h", "help " + name}) {
      Output out = runBrobyg(asked);
      EXPECT_EQ(out.exitCode, 0) << asked << "\n" << out.text;
      EXPECT_EQ(out.text.rfind("usage: brobyg " + name, 0), 0u) << asked << "\n" << out.text;
      EXPECT_NE(out.text.find("\nExample:\n  brobyg " + name), std::string::npos) << out.text;
      for (const auto& option : help.options)
        EXPECT_NE(out.text.find(std::string("--") + option.name), std::string::npos)
            << name << " --" << option.name;
    }
  }
  // A page per command, not one global page: run's does not list open's options.
  EXPECT_EQ(runBrobyg("run --help").text.find("--package"), std::string::npos);
  EXPECT_NE(runBrobyg("run --help").text.find("4  job refused"), std::string::npos);
}

TEST(CommandLine, EveryCommandTheBinaryKnowsHasAPage) {
  // An unknown command is a usage error; a known one never says "unknown command".
  EXPECT_EQ(runBrobyg("frobnicate").exitCode, 2);
  for (const auto& help : brobyg::cli::commandHelps())
    EXPECT_EQ(runBrobyg(help.name).text.find("unknown command"), std::string::npos) << help.name;
  Output overview = runBrobyg("--help");
  EXPECT_EQ(overview.exitCode, 0);
  for (const auto& help : brobyg::cli::commandHelps())
    EXPECT_NE(overview.text.find(std::string("  ") + help.name + " "), std::string::npos);
  EXPECT_EQ(runBrobyg("").exitCode, 2) << "no command: the overview, as a usage error";
  EXPECT_EQ(runBrobyg("help nosuch").exitCode, 2);
}

// Review finding #8: what the binary prints passes the identifier mask, usage errors included.
TEST(CommandLine, UsageErrorsPrintNoCprNumber) {
  for (const std::string cpr : {"010101-1234", "0101011234"}) {
    for (const std::string& arguments :
         {cpr, "run --config=" + cpr + ".xml --job=" + cpr + " --once", "--" + cpr, "help " + cpr,
          "outbox --config=/nonexistent/" + cpr + ".xml"}) {
      Output out = runBrobyg(arguments);
      EXPECT_NE(out.exitCode, 0) << arguments;
      EXPECT_EQ(out.text.find(cpr), std::string::npos) << arguments << "\n" << out.text;
      EXPECT_NE(out.text.find("**********"), std::string::npos) << arguments << "\n" << out.text;
    }
  }
}

TEST(CommandLine, TheServicePrintsNoCprNumberEither) {
  const brobyg::e2e::Target& t = brobyg::e2e::target();
  for (const std::string& arguments : {t.daemonOption("bogus", "0101011234"),
                                       t.daemonOption("config", "/nonexistent/0101011234.xml")}) {
    std::string command = t.program("brobygd") + " " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string text;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
      text.append(buffer.data(), n);
    ::pclose(pipe);
    EXPECT_EQ(text.find("0101011234"), std::string::npos) << arguments << "\n" << text;
    EXPECT_NE(text.find("**********"), std::string::npos) << arguments << "\n" << text;
  }
}

TEST(CommandLine, AMissingConfigurationIsAUsageError) {
  EXPECT_EQ(runBrobyg("run --config=/nonexistent/brobyg.xml --job=j --once").exitCode, 2);
  EXPECT_EQ(runBrobyg("check --config=/nonexistent/brobyg.xml").exitCode, 2);
}

// An admin's first keygen goes into a keys/ folder that does not exist yet: it is made, private.
TEST(CommandLine, KeygenMakesAMissingKeyFolderPrivate) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("brobyg-keygen-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path key = dir / "keys" / "project.key";
  const Output made = runBrobyg("keygen --out='" + key.string() + "'");
  EXPECT_EQ(made.exitCode, 0) << made.text;
  EXPECT_NE(made.text.find("created folder"), std::string::npos) << made.text;
  if (brobyg::e2e::target().windows) {
    // Wine shows the access list's entries for the user and Administrators as user and group
    // bits, and Everyone as others (tests/e2e/Target.h).
    for (const fs::path& path : {dir / "keys", key})
      EXPECT_EQ(fs::status(path).permissions() & brobyg::e2e::target().notPrivate(),
                fs::perms::none)
          << path;
  } else {
    EXPECT_EQ(fs::status(dir / "keys").permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_EQ(fs::status(key).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
  }
  const Output again = runBrobyg("keygen --out='" + key.string() + "'");
  EXPECT_NE(again.exitCode, 0) << "an existing key is never overwritten";
  fs::remove_all(dir);
}
