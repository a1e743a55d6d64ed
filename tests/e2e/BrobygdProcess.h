// brobygd as the end-to-end tests start and stop it, on either target (Target.h). On Linux as
// an admin starts it by hand: --daemon and a pid file. Windows has no --daemon (a service
// manager starts brobygd.exe there, tests/windows/service-under-wine.sh covers that), so under
// Wine it runs as a console program in the background of a shell, whose $! is its pid.
#pragma once

#include <filesystem>
#include <string>

namespace brobyg::e2e {

class BrobygdProcess {
 public:
  // `dir` holds the pid file (Linux) and the console output (Windows).
  BrobygdProcess(std::filesystem::path config, std::filesystem::path dir);
  ~BrobygdProcess();  // kills one still running
  BrobygdProcess(const BrobygdProcess&) = delete;
  BrobygdProcess& operator=(const BrobygdProcess&) = delete;

  // Starts brobygd; `environment` is "NAME=value " words put before the command. Returns
  // once the process exists, not when it is ready: the callers wait for their own sign.
  void start(const std::string& environment = "");
  // An orderly stop, as `systemctl stop` or Ctrl+C asks for one: SIGTERM, or SIGINT under
  // Wine, which hands it to the console control handler as CTRL_C_EVENT. Fails the test if
  // brobygd is still running 30 s later.
  void stop();
  // Ends it at once (SIGKILL; under Wine the Windows process dies with its Wine process).
  void kill();
  // Reloads the configuration as the platform's admin does: SIGHUP on Linux, POST /reload to
  // the admin API at `adminBase` (http://127.0.0.1:<port>) with `token` on Windows, which has
  // no SIGHUP. Either way the log tells the outcome.
  void reload(const std::string& adminBase, const std::string& token) const;
  bool alive() const;
  // Waits up to `seconds` for brobygd to end by itself (a crash point); true if it did.
  bool waitForExit(int seconds = 10);
  bool started() const { return !pid_.empty(); }

 private:
  void waitUntilGone(int tenths);

  std::filesystem::path config_;
  std::filesystem::path dir_;
  std::string pid_;
};

}  // namespace brobyg::e2e
