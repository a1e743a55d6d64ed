// brobygd: the brobyg service (systemd unit or Windows service).
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Net/Net.h>
#include <Poco/Path.h>
#include <Poco/Thread.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <iostream>

#ifndef _WIN32
#include <pthread.h>
#include <csignal>
#endif

#include "AdminApi.h"
#include "HangupReload.h"
#include "ReceiverRole.h"
#include "Reloader.h"
#include "Scheduler.h"
#include "ServiceConfigPath.h"
#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "config/LogChannel.h"
#include "plugin/PluginRegistry.h"
#include "util/Console.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/IdentifierMask.h"
#include "util/ProcessHardening.h"

using Poco::Util::Option;

namespace brobyg::daemon {

class Brobygd : public Poco::Util::ServerApplication {
 public:
  // ServerApplication reports a bad command line through the root logger before main() runs:
  // that must pass the mask too (an option's value is quoted back).
  Brobygd() {
    Poco::AutoPtr<Poco::Channel> console(new Poco::ConsoleChannel(console::err()));
    Poco::AutoPtr<Poco::Channel> masked(new MaskingChannel(console));
    Poco::Logger::setChannel("", masked);  // "": every logger, including "ApplicationStartup"
  }

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
    options.addOption(Option("config", "c", "configuration file")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE"));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      stopOptionsProcessing();
    }
    if (name == "config") configPath_ = value;
    if (name == "registerService") registering_ = true;
  }

  // A Windows service gets no arguments and starts in System32 (poco#2190, #1995): the
  // configuration is the one recorded for the service (ServiceConfigPath.h), else the one next
  // to the executable, else the platform's.
  std::string configPath() const {
    if (!configPath_.empty()) return configPath_;
    if (config().getBool("application.runAsService", false)) {
      if (auto recorded = recordedConfigPath(serviceName())) return *recorded;
    }
    Poco::Path besideExe(config().getString("application.dir"));
    besideExe.setFileName("brobyg.xml");
    if (Poco::File(besideExe).exists()) return besideExe.toString();
    return platformConfigPath();
  }

  // Poco names the service after the executable.
  std::string serviceName() const { return config().getString("application.baseName"); }

 public:
  // After `/registerService --config=FILE`: FILE, made absolute, is recorded for the service,
  // since the service control manager will not pass --config on.
  int finishRegistration() {
    if (!registering_ || configPath_.empty()) return EXIT_OK;
    try {
      const std::string path = Poco::Path(configPath_).absolute().toString();
      recordConfigPath(serviceName(), path);
      console::out() << "brobygd: the service " << serviceName() << " reads " << path << "\n";
      return EXIT_OK;
    } catch (const std::exception& e) {
      console::err() << "brobygd: " << e.what() << "\n";
      return EXIT_CONFIG;
    }
  }

 protected:
  void setupLogging(const config::Config& cfg) {
    // Console, <log-file> and/or <syslog>, all behind the CPR mask (config/LogChannel.h). A
    // Windows service has no console: without <log-file> it logs to the Event Log.
    config::ServiceConfig sinks = cfg.service;
    if (config().getBool("application.runAsService", false) && sinks.logFile.empty())
      sinks.syslog = true;
    Poco::Logger::setChannel("", config::makeLogChannel(sinks));  // loggers made before too
    Poco::Logger::root().setLevel(cfg.service.logLevel);
  }

  int main(const std::vector<std::string>&) override {
    // Keys and CPR numbers live in this process's memory: no core file, no ptrace. Under
    // systemd, setrlimit is filtered out (LimitCORE=0 in the unit does it instead).
    const std::vector<std::string> hardening = hardenProcess();
    if (help_) {
      Poco::Util::HelpFormatter help(options());
      help.setCommand(commandName());
      help.setUsage("[--config=FILE] [--daemon] [--pidfile=FILE]");
      help.setHeader("brobygd runs brobyg's scheduled jobs and delivers its outbox.");
      help.setFooter(
          "Before every run of a job it makes brobyg check's checks for that job; a job with "
          "errors is skipped and logged. Exit codes: 0 stopped, 78 configuration error, 70 "
          "internal error.\nExample: brobygd --config=/etc/brobyg/brobyg.xml");
      help.format(console::out());
      return EXIT_OK;
    }
    config::Config cfg;
    try {
      cfg = config::loadConfig(configPath());
    } catch (const std::exception& e) {
      console::err() << "brobygd: " << e.what() << "\n";
      return EXIT_CONFIG;
    }
    setupLogging(cfg);
    Poco::Logger& log = Poco::Logger::get("brobygd");
    for (const std::string& failure : hardening) log.warning(failure);
    try {
      // Held by shared_ptr: a reload swaps it for the next runs (Reloader, Runtime.h).
      auto runtime = std::make_shared<const Runtime>(cfg);
      const plugin::PluginRegistry& registry = runtime->registry;
      auto problems = config::checkConfig(cfg, registry);
      bool fatal = false;
      for (const auto& p : problems) {
        std::string text = located(cfg.path, p.line, p.message);
        if (p.isWarning()) {
          log.warning(text);
        } else {
          log.error(text);
          fatal = true;
        }
      }
      if (fatal) {
        log.fatal("configuration has errors; not starting (see brobyg check)");
        return EXIT_CONFIG;
      }
      createPrivateDirectory(cfg.service.stateDirectory);
      Reloader reloader(configPath(), runtime);
      Scheduler scheduler(reloader);
#ifndef _WIN32
      // waitForTerminationRequest() blocks the stop signals only in the main thread, when it
      // is called: a thread started before would inherit them unblocked, and a SIGTERM that
      // lands there kills the process mid-run. Block them first; the worker inherits that.
      sigset_t stopSignals;
      sigemptyset(&stopSignals);
      sigaddset(&stopSignals, SIGINT);
      sigaddset(&stopSignals, SIGQUIT);
      sigaddset(&stopSignals, SIGTERM);
      // SIGHUP too (its default action ends the process): HangupReload takes it with sigwait.
      std::signal(SIGHUP, SIG_DFL);
      sigaddset(&stopSignals, SIGHUP);
      pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
#endif
      // Before anything that can reload (the admin API, SIGHUP) starts, and destroyed after.
      ReceiverRole receiver(cfg);
      reloader.onReload([&receiver](const RuntimePtr& next) { receiver.apply(next->config); });
      Poco::Thread worker("scheduler");
      worker.startFunc([&scheduler] { scheduler.run(); });
      std::unique_ptr<AdminApi> admin;
      if (!cfg.service.adminListen.empty()) {
        admin = std::make_unique<AdminApi>(reloader, scheduler, problems);
        admin->start();
        log.information("admin API listening on " +
                        cfg.service.adminListen.substr(0, cfg.service.adminListen.rfind(':')) +
                        ":" + std::to_string(admin->port()));
      }
      HangupReload hangup(reloader);
      log.information("brobygd " BROBYG_VERSION " started with " + cfg.path + " (" +
                      std::to_string(cfg.jobs.size()) + " job(s))");
      waitForTerminationRequest();
      log.information("stopping: letting the current run finish");
      if (admin) admin->stop();
      receiver.stop();
      scheduler.stop();
      worker.join();
      log.information("stopped");
      return EXIT_OK;
    } catch (const std::exception& e) {
      log.fatal(e.what());
      return EXIT_SOFTWARE;
    }
  }

 private:
  bool help_ = false;
  bool registering_ = false;
  std::string configPath_;
};

template <typename Char>
int runBrobygd(int argc, Char** argv) {
  // Windows: WSAStartup for the process (admin API, receiver, plugins). Poco's automatic
  // initialisation is left out of a static GCC build (Net.h), so it is done here.
  Poco::Net::initializeNetwork();
  try {
    Brobygd app;
    int rc = app.run(argc, argv);
    return rc == Poco::Util::Application::EXIT_OK ? app.finishRegistration() : rc;
  } catch (const Poco::Exception& e) {
    console::err() << "brobygd: " << e.displayText() << "\n";
    return Poco::Util::Application::EXIT_SOFTWARE;
  }
}

}  // namespace brobyg::daemon

// POCO_SERVER_MAIN, and then the registration's configuration path. Windows: the wide entry
// point (-municode), so that paths in arguments reach Poco as UTF-16, not the ANSI code page.
#ifdef _WIN32
int wmain(int argc, wchar_t** argv) {
  return brobyg::daemon::runBrobygd(argc, argv);
}
#else
int main(int argc, char** argv) {
  return brobyg::daemon::runBrobygd(argc, argv);
}
#endif
