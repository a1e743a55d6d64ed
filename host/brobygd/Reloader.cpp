#include "Reloader.h"

#include <Poco/Logger.h>

#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "util/Error.h"

namespace brobyg::daemon {

Reloader::Reloader(std::string path, RuntimePtr initial)
    : path_(std::move(path)), current_(std::move(initial)) {}

RuntimePtr Reloader::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Problems Reloader::restartOnly(const config::Config& running, const config::Config& next) {
  Problems problems;
  auto same = [&](const std::string& a, const std::string& b, long line, const char* setting) {
    if (a != b)
      problems.push_back(Problem::error(
          line, std::string(setting) + " changed: it takes a restart of brobygd, not a reload"));
  };
  same(running.service.stateDirectory, next.service.stateDirectory, next.service.line,
       "<state-directory>");
  same(running.service.logFile, next.service.logFile, next.service.line, "<log-file>");
  same(running.service.adminListen, next.service.adminListen, next.service.adminLine,
       "<admin listen>");
  same(running.service.adminTokenFile, next.service.adminTokenFile, next.service.adminLine,
       "<admin token-file>");
  return problems;
}

void Reloader::onReload(Listener listener) {
  listeners_.push_back(std::move(listener));
}

Reloader::Outcome Reloader::reload() {
  std::lock_guard one(reloading_);
  Poco::Logger& log = Poco::Logger::get("brobygd");
  Outcome outcome;
  RuntimePtr next;
  try {
    config::Config cfg = config::parseConfig(path_, outcome.problems);
    if (!hasErrors(outcome.problems)) {
      next = std::make_shared<const Runtime>(std::move(cfg));
      auto checked = config::checkConfig(next->config, next->registry);
      outcome.problems.insert(outcome.problems.end(), checked.begin(), checked.end());
      auto fixed = restartOnly(current()->config, next->config);
      outcome.problems.insert(outcome.problems.end(), fixed.begin(), fixed.end());
    }
  } catch (const std::exception& e) {  // an unreadable file, a plugin that does not load
    outcome.problems.push_back(Problem::error(0, e.what()));
  }
  for (const auto& p : outcome.problems) {
    const std::string text = located(path_, p.line, p.message);
    if (p.isWarning())
      log.warning("reload: " + text);
    else
      log.error("reload: " + text);
  }
  if (!next || hasErrors(outcome.problems)) {
    log.error("reload refused: " + path_ +
              " has errors; still running the configuration loaded before");
    return outcome;
  }
  {
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
  }
  outcome.reloaded = true;
  // The log level is the one <service> setting a reload applies (to every logger).
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(current()->config.service.logLevel));
  log.information("reloaded " + path_ + " (" + std::to_string(current()->config.jobs.size()) +
                  " job(s)); runs in progress finish on the configuration they started with");
  for (const Listener& listener : listeners_) {
    try {
      listener(current());
    } catch (const std::exception& e) {
      log.error(std::string("reload: ") + e.what());
    }
  }
  return outcome;
}

}  // namespace brobyg::daemon
