#include <gtest/gtest.h>

#include "ServiceConfigPath.h"
#include "util/Error.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace brobyg::daemon {
namespace {

#ifdef _WIN32

// A service name of this test's own, removed again, so that a real brobygd entry is untouched.
class RecordedConfigPath : public ::testing::Test {
 protected:
  void TearDown() override { RegDeleteTreeW(HKEY_LOCAL_MACHINE, widen(serviceKey()).c_str()); }
  static std::wstring widen(const std::string& s) { return std::wstring(s.begin(), s.end()); }
  std::string serviceKey() const { return "SYSTEM\\CurrentControlSet\\Services\\" + service_; }
  std::string service_ = "brobygd-test-" + std::to_string(GetCurrentProcessId());
};

TEST_F(RecordedConfigPath, NothingRecordedIsNoPath) {
  EXPECT_FALSE(recordedConfigPath(service_).has_value());
}

TEST_F(RecordedConfigPath, WhatRegistrationRecordsTheServiceReadsBack) {
  const std::string path = "C:\\ProgramData\\brobyg\\Københavns Kommune\\brobyg.xml";
  recordConfigPath(service_, path);
  ASSERT_TRUE(recordedConfigPath(service_).has_value());
  EXPECT_EQ(*recordedConfigPath(service_), path);  // UTF-8 through the wide registry API
  recordConfigPath(service_, "D:\\brobyg.xml");    // a second registration replaces it
  EXPECT_EQ(*recordedConfigPath(service_), "D:\\brobyg.xml");
}

TEST(PlatformConfigPath, IsUnderProgramData) {
  const std::string path = platformConfigPath();
  EXPECT_NE(path.find("ProgramData\\brobyg\\brobyg.xml"), std::string::npos) << path;
}

#else

TEST(RecordedConfigPath, NothingIsRecordedOnPosix) {
  EXPECT_FALSE(recordedConfigPath("brobygd").has_value());
  try {
    recordConfigPath("brobygd", "/etc/brobyg/brobyg.xml");
    FAIL() << "recordConfigPath must refuse on POSIX";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--config"), std::string::npos) << e.what();
  }
}

TEST(PlatformConfigPath, IsEtcBrobyg) {
  EXPECT_EQ(platformConfigPath(), "/etc/brobyg/brobyg.xml");
}

#endif

}  // namespace
}  // namespace brobyg::daemon
