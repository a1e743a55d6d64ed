// A port brobyg listens on is its own: a second socket of the same process (so of the same
// user) cannot bind it, even one that asks for SO_REUSEPORT as Poco's constructors do.
#include <Poco/Net/Net.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>

#include "util/Listen.h"

using Poco::Net::ServerSocket;
using Poco::Net::SocketAddress;

namespace {
// Poco starts Winsock by itself only when built with MSVC (Poco/Net/Net.h), not with mingw.
const bool networkStarted = (Poco::Net::initializeNetwork(), true);
}  // namespace

TEST(ListenExclusively, ASecondSocketCannotTakeThePort) {
  ServerSocket first;
  brobyg::listenExclusively(first, SocketAddress("127.0.0.1", 0), 8);
  const SocketAddress taken("127.0.0.1", first.address().port());
  EXPECT_THROW(ServerSocket{taken}, Poco::Net::NetException) << "Poco's constructor: reuse port";
  ServerSocket second;
  EXPECT_THROW(brobyg::listenExclusively(second, taken, 8), Poco::Net::NetException);
}

TEST(ListenExclusively, APortIsFreeAgainOnceClosed) {
  std::uint16_t port = 0;
  {
    ServerSocket first;
    brobyg::listenExclusively(first, SocketAddress("127.0.0.1", 0), 8);
    port = first.address().port();
  }
  ServerSocket again;
  EXPECT_NO_THROW(brobyg::listenExclusively(again, SocketAddress("127.0.0.1", port), 8));
}
