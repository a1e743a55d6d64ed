#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "Runtime.h"
#include "util/Problem.h"

namespace brobyg::daemon {

// Holds brobygd's current configuration and replaces it on request (SIGHUP, POST /reload).
// A new configuration is loaded and checked exactly as `brobyg check` does; one with errors
// is logged (file:line: message, never a value) and the running one stays.
class Reloader {
 public:
  Reloader(std::string path, RuntimePtr initial);

  RuntimePtr current() const;

  struct Outcome {
    bool reloaded = false;
    Problems problems;  // errors and warnings of the new file, located at its lines
  };
  // One reload at a time; safe from any thread.
  Outcome reload();

  // Called after each successful reload with the new configuration, in the reloading thread
  // and in the order added (the receiver role restarts from it). Add them before any reload
  // can come; an exception is logged and does not undo the reload.
  using Listener = std::function<void(const RuntimePtr&)>;
  void onReload(Listener listener);

 private:
  // Settings the running service cannot change (its state, its log, its admin socket).
  static Problems restartOnly(const config::Config& running, const config::Config& next);

  const std::string path_;
  mutable std::mutex mutex_;  // guards current_
  std::mutex reloading_;      // one reload at a time
  RuntimePtr current_;
  std::vector<Listener> listeners_;
};

}  // namespace brobyg::daemon
