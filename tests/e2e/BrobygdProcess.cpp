#include "BrobygdProcess.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "E2eSupport.h"
#include "Target.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {

namespace {
std::string trimmed(std::string text) {
  text.erase(text.find_last_not_of("\n") + 1);
  return text;
}
}  // namespace

BrobygdProcess::BrobygdProcess(fs::path config, fs::path dir)
    : config_(std::move(config)), dir_(std::move(dir)) {}

BrobygdProcess::~BrobygdProcess() {
  if (started()) kill();
}

void BrobygdProcess::start(const std::string& environment) {
  const Target& t = target();
  const std::string command =
      environment + t.program("brobygd") + " " + t.daemonOption("config", quote(config_));
  if (t.windows) {
    pid_ = trimmed(mustRun(command + " >" + quote(dir_ / "brobygd.console") + " 2>&1 & echo $!"));
    return;
  }
  const fs::path pidFile = dir_ / "brobygd.pid";
  fs::remove(pidFile);
  // --daemon changes to "/": the configuration's path is absolute.
  mustRun(command + " --daemon --pidfile=" + quote(pidFile) + " 2>&1");
  for (int i = 0; i < 100 && pid_.empty(); ++i, ::usleep(100000)) pid_ = trimmed(readAll(pidFile));
  ASSERT_FALSE(pid_.empty()) << "brobygd wrote no pid file";
}

void BrobygdProcess::stop() {
  if (!started()) return;
  mustRun("kill -" + std::string(target().windows ? "INT " : "TERM ") + pid_);
  waitUntilGone(300);
  EXPECT_FALSE(alive()) << "brobygd did not stop within 30 s";
  pid_.clear();
}

void BrobygdProcess::kill() {
  if (!started()) return;
  run("kill -KILL " + pid_);
  waitUntilGone(100);
  pid_.clear();
}

void BrobygdProcess::reload(const std::string& adminBase, const std::string& token) const {
  if (!target().windows) {
    mustRun("kill -HUP " + pid_);
    return;
  }
  mustRun("curl -sS -m 30 -X POST -H 'Authorization: Bearer " + token + "' " + adminBase +
          "/reload");
}

bool BrobygdProcess::alive() const {
  return started() && run("kill -0 " + pid_).exitCode == 0;
}

bool BrobygdProcess::waitForExit(int seconds) {
  waitUntilGone(seconds * 10);
  if (alive()) return false;
  pid_.clear();
  return true;
}

void BrobygdProcess::waitUntilGone(int tenths) {
  for (int i = 0; i < tenths && alive(); ++i) ::usleep(100000);
}

}  // namespace brobyg::e2e
