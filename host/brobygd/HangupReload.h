#pragma once

#include <atomic>
#include <thread>

#include "Reloader.h"

namespace brobyg::daemon {

// Reloads the configuration when the process gets SIGHUP (`systemctl reload brobygd`,
// `kill -HUP`). SIGHUP's default action ends the process, so main() blocks it in every thread
// before any starts (blockedSignals()), and this thread takes it with sigwait. On Windows
// there is no SIGHUP: POST /reload does it there.
class HangupReload {
 public:
  explicit HangupReload(Reloader& reloader);
  ~HangupReload();
  HangupReload(const HangupReload&) = delete;
  HangupReload& operator=(const HangupReload&) = delete;

 private:
  void loop();

  Reloader& reloader_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace brobyg::daemon
