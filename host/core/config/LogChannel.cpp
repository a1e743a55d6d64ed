#include "config/LogChannel.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Platform.h>
#include <Poco/SplitterChannel.h>
#if defined(POCO_OS_FAMILY_UNIX)
#include <Poco/SyslogChannel.h>
#else
#include <Poco/EventLogChannel.h>
#endif

#include <cctype>

#include "util/Console.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"

namespace brobyg::config {

namespace {

Poco::AutoPtr<Poco::Channel> formatted(Poco::AutoPtr<Poco::Channel> sink, const char* pattern) {
  Poco::AutoPtr<Poco::PatternFormatter> format(new Poco::PatternFormatter(pattern));
  return new Poco::FormattingChannel(format, sink);
}

}  // namespace

bool isSyslogFacility(const std::string& facility) {
  if (facility == "daemon" || facility == "user") return true;
  return facility.size() == 6 && facility.compare(0, 5, "local") == 0 && facility[5] >= '0' &&
         facility[5] <= '7';
}

Poco::AutoPtr<Poco::Channel> consoleSink(const ServiceConfig&) {
  return new Poco::ConsoleChannel(console::err());
}

Poco::AutoPtr<Poco::Channel> fileSink(const ServiceConfig& service) {
  Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(service.logFile));
  file->setProperty("rotation", "10 M");
  file->setProperty("archive", "timestamp");
  file->setProperty("purgeCount", "10");
  return file;
}

Poco::AutoPtr<Poco::Channel> syslogSink(const ServiceConfig& service) {
#if defined(POCO_OS_FAMILY_UNIX)
  std::string facility = service.syslogFacility;
  for (char& c : facility) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // openlog(3) keeps the ident pointer: SyslogChannel holds the string for as long as it is
  // open. LOG_PID: journald and syslog show which process wrote the line.
  Poco::AutoPtr<Poco::SyslogChannel> syslog(new Poco::SyslogChannel(
      "brobygd", Poco::SyslogChannel::SYSLOG_PID, Poco::SyslogChannel::SYSLOG_DAEMON));
  syslog->setProperty(Poco::SyslogChannel::PROP_FACILITY, "LOG_" + facility);
  return syslog;
#else
  // The system's log on Windows: the Application Event Log, source "brobygd" (the MSI
  // registers it with brobygd.exe's message table, installer/windows/brobygd-messages.mc).
  (void)service;
  return new Poco::EventLogChannel("brobygd");
#endif
}

Poco::AutoPtr<Poco::Channel> makeLogChannel(const ServiceConfig& service,
                                            const SinkFactory& console, const SinkFactory& file,
                                            const SinkFactory& syslog) {
  // syslog and journald add the time and the priority themselves.
  const char* kFilePattern = "%Y-%m-%dT%H:%M:%SZ %p %s: %t";
  const char* kSyslogPattern = "%s: %t";
  Poco::AutoPtr<Poco::SplitterChannel> sinks(new Poco::SplitterChannel);
  if (!service.logFile.empty()) sinks->addChannel(formatted(file(service), kFilePattern));
  if (service.syslog) sinks->addChannel(formatted(syslog(service), kSyslogPattern));
  if (service.logFile.empty() && !service.syslog)
    sinks->addChannel(formatted(console(service), kFilePattern));
  return new MaskingChannel(sinks);
}

}  // namespace brobyg::config
