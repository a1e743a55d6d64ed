#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Platform.h>
#include <gtest/gtest.h>
#if defined(POCO_OS_FAMILY_UNIX)
#include <Poco/SyslogChannel.h>
#endif

#include <string>
#include <vector>

#include "config/LogChannel.h"

namespace brobyg::config {
namespace {

// Keeps what reaches it: stands where the syslog channel would, so that the test reads what
// syslog would be handed, without a running syslog daemon.
class RecordingChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& msg) override { texts.push_back(msg.getText()); }
  std::vector<std::string> texts;
};

struct Sinks {
  Poco::AutoPtr<RecordingChannel> console{new RecordingChannel};
  Poco::AutoPtr<RecordingChannel> file{new RecordingChannel};
  Poco::AutoPtr<RecordingChannel> syslog{new RecordingChannel};

  Poco::AutoPtr<Poco::Channel> channelFor(const ServiceConfig& service) {
    return makeLogChannel(
        service, [this](const ServiceConfig&) { return Poco::AutoPtr<Poco::Channel>(console); },
        [this](const ServiceConfig&) { return Poco::AutoPtr<Poco::Channel>(file); },
        [this](const ServiceConfig&) { return Poco::AutoPtr<Poco::Channel>(syslog); });
  }
};

void logThrough(Poco::AutoPtr<Poco::Channel> channel, const std::string& text) {
  channel->log(Poco::Message("brobyg.run", text, Poco::Message::PRIO_ERROR));
}

TEST(LogChannel, ACprShapedValueReachesSyslogMasked) {
  ServiceConfig service;
  service.syslog = true;
  Sinks sinks;
  logThrough(sinks.channelFor(service), "row 7: person 010190-1234 not found");
  ASSERT_EQ(sinks.syslog->texts.size(), 1u);
  EXPECT_EQ(sinks.syslog->texts[0], "brobyg.run: row 7: person ********** not found");
  EXPECT_TRUE(sinks.console->texts.empty()) << "syslog alone, not the console as well";
}

TEST(LogChannel, FileAndSyslogTogetherAreBothMasked) {
  ServiceConfig service;
  service.syslog = true;
  service.logFile = "/nonexistent/brobygd.log";  // never opened: the factory is the test's
  Sinks sinks;
  logThrough(sinks.channelFor(service), "cpr 0101901234");
  ASSERT_EQ(sinks.syslog->texts.size(), 1u);
  ASSERT_EQ(sinks.file->texts.size(), 1u);
  EXPECT_EQ(sinks.syslog->texts[0].find("0101901234"), std::string::npos) << sinks.syslog->texts[0];
  EXPECT_EQ(sinks.file->texts[0].find("0101901234"), std::string::npos) << sinks.file->texts[0];
  EXPECT_NE(sinks.file->texts[0].find("**********"), std::string::npos);
}

TEST(LogChannel, WithoutFileOrSyslogTheConsole) {
  Sinks sinks;
  logThrough(sinks.channelFor(ServiceConfig{}), "started");
  EXPECT_EQ(sinks.console->texts.size(), 1u);
  EXPECT_TRUE(sinks.syslog->texts.empty());
}

#if defined(POCO_OS_FAMILY_UNIX)
TEST(LogChannel, TheSyslogSinkIsPocosSyslogChannelWithTheFacility) {
  ServiceConfig service;
  service.syslog = true;
  service.syslogFacility = "local3";
  Poco::AutoPtr<Poco::Channel> sink = syslogSink(service);
  auto* syslog = dynamic_cast<Poco::SyslogChannel*>(sink.get());
  ASSERT_NE(syslog, nullptr);
  EXPECT_EQ(syslog->getProperty(Poco::SyslogChannel::PROP_FACILITY), "LOG_LOCAL3");
  EXPECT_EQ(syslog->getProperty(Poco::SyslogChannel::PROP_NAME), "brobygd");
}
#endif

TEST(LogChannel, Facilities) {
  for (const char* ok : {"daemon", "user", "local0", "local7"}) EXPECT_TRUE(isSyslogFacility(ok));
  for (const char* bad : {"", "kern", "local8", "LOCAL0", "local", "daemon "})
    EXPECT_FALSE(isSyslogFacility(bad)) << bad;
}

}  // namespace
}  // namespace brobyg::config
