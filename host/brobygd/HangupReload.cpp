#include "HangupReload.h"

#include <Poco/Logger.h>

#ifndef _WIN32
#include <pthread.h>

#include <csignal>
#endif

namespace brobyg::daemon {

#ifndef _WIN32

HangupReload::HangupReload(Reloader& reloader) : reloader_(reloader) {
  thread_ = std::thread([this] { loop(); });
}

HangupReload::~HangupReload() {
  stopping_ = true;
  ::pthread_kill(thread_.native_handle(), SIGHUP);  // wakes sigwait; the flag says stop
  thread_.join();
}

void HangupReload::loop() {
  sigset_t hangup;
  sigemptyset(&hangup);
  sigaddset(&hangup, SIGHUP);
  while (!stopping_) {
    int signal = 0;
    if (::sigwait(&hangup, &signal) != 0 || stopping_) continue;
    Poco::Logger::get("brobygd").information("SIGHUP: reloading the configuration");
    try {
      reloader_.reload();
    } catch (const std::exception& e) {
      Poco::Logger::get("brobygd").error(std::string("reload failed: ") + e.what());
    }
  }
}

#else

HangupReload::HangupReload(Reloader& reloader) : reloader_(reloader) {}
HangupReload::~HangupReload() = default;
void HangupReload::loop() {}

#endif

}  // namespace brobyg::daemon
