#pragma once

#include <filesystem>
#include <string>

namespace brobyg::e2e {

// The programs the end-to-end tests drive. By default this build's Linux programs; with
// BROBYG_E2E_WINDOWS_BUILD=<a mingw build folder> that build's Windows programs, each run
// through Wine (scripts/windows.sh test does this), so that one suite checks both builds. The
// tests stay Linux programs either way: the evaluator's side (openssl, unzip, xmllint, curl)
// is the same for packages made on either platform.
struct Target {
  bool windows = false;
  std::string launcher;  // put before a program: "" or Wine with a space
  std::string bin;       // the folder of brobyg, brobygd and brobyg-synth
  std::filesystem::path pluginDir;
  std::filesystem::path testPluginDir;  // tests/conformance's test plugins (retry_once)
  std::filesystem::path build;          // the build folder the programs come from

  // A file of this (Linux) build, such as a test plugin's folder, in the target's build.
  std::filesystem::path inTargetBuild(const std::filesystem::path& linuxBuildFile) const;

  // The command that starts program `name` (brobyg, brobygd, brobyg-synth).
  std::string program(const std::string& name) const;
  // A plugin's file: brobyg_<name>.so, or brobyg_<name>.dll on Windows.
  std::filesystem::path pluginFile(const std::filesystem::path& dir, const std::string& name) const;
  // An absolute path as a setting that must be absolute takes it: Windows wants a drive, and
  // Wine maps the Linux root to Z:.
  std::string absolutePath(const std::filesystem::path& path) const;
  // How the programs print `path` in their messages: Windows spells it Z:\tmp\...
  std::string shownPath(const std::filesystem::path& path) const;
  // A program's console output with Linux line ends: Windows programs print \r\n.
  std::string withLinuxLineEnds(std::string text) const;
  // The mode bits a private file must not have, as Linux shows them: group and others. Under
  // Wine only others: Wine shows an access list's entries for SIDs of the process's own token
  // (the user, Administrators) as user and group bits, and only Everyone as others.
  std::filesystem::perms notPrivate() const;
  // brobygd's option `name=value`: --name=value, or /name=value on Windows (Poco's style).
  std::string daemonOption(const std::string& name, const std::string& value) const;
};

const Target& target();

}  // namespace brobyg::e2e
