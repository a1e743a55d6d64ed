#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <functional>

#include "config/Config.h"

namespace brobyg::config {

// Makes the channel a sink the service settings name writes to (tests give their own, to read
// what a sink receives without a running syslog daemon).
using SinkFactory = std::function<Poco::AutoPtr<Poco::Channel>(const ServiceConfig&)>;

// The sinks <service> names, unmasked: the console when neither <log-file> nor <syslog> is
// given, else the file (rotated), the system log (syslog, which journald reads, on Linux; the
// Application Event Log on Windows), or both.
Poco::AutoPtr<Poco::Channel> consoleSink(const ServiceConfig& service);
Poco::AutoPtr<Poco::Channel> fileSink(const ServiceConfig& service);
Poco::AutoPtr<Poco::Channel> syslogSink(const ServiceConfig& service);

// The service's log channel: the sinks, each behind its formatter, all behind one
// MaskingChannel, so that nothing shaped like a CPR number reaches any of them.
Poco::AutoPtr<Poco::Channel> makeLogChannel(const ServiceConfig& service,
                                            const SinkFactory& console = consoleSink,
                                            const SinkFactory& file = fileSink,
                                            const SinkFactory& syslog = syslogSink);

// Whether `facility` is one <syslog facility> accepts: daemon, user, local0 … local7.
bool isSyslogFacility(const std::string& facility);

}  // namespace brobyg::config
