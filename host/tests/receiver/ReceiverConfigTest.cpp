#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "TestSupport.h"
#include "config/ConfigLoader.h"

namespace brobyg::config {
namespace {
using package::test::TempDir;

bool mentions(const Problems& problems, long line, const std::string& text) {
  for (const Problem& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

// A path as the loader resolves it on this platform: absolute and normalised, in the
// platform's spelling (on Windows a drive letter and backslashes).
std::string resolved(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

Config parse(const TempDir& dir, const std::string& xml, Problems& problems) {
  std::ofstream(dir.file("c.xml")) << xml;
  return parseConfig(dir.file("c.xml"), problems);
}

TEST(ReceiverConfig, TheExampleIsAReceiverOnlyConfiguration) {
  const std::string base = std::string(BROBYG_SOURCE_DIR) + "/config/";
  const Config c = loadConfig(base + "receiver.example.xml");
  ASSERT_TRUE(c.receiver.enabled);
  EXPECT_TRUE(c.jobs.empty());
  EXPECT_EQ(c.receiver.id, "vive-receiver");
  EXPECT_EQ(c.receiver.host, "0.0.0.0");
  EXPECT_EQ(c.receiver.port, 8443);
  EXPECT_EQ(c.receiver.serverCertificate, resolved(base + "keys/receiver.crt"));
  EXPECT_EQ(c.receiver.inbox, resolved(base + "inbox"));
  ASSERT_EQ(c.receiver.allow.size(), 2u);
  EXPECT_EQ(c.receiver.allow[0].name, "Kommune 0101");
  EXPECT_EQ(c.receiver.allow[1].certificate, resolved(base + "keys/kommune-0147-client.crt"));
  EXPECT_EQ(c.receiver.maxPackageBytes, 1073741824u);
  EXPECT_EQ(c.receiver.maxConnections, 8);
  EXPECT_EQ(c.receiver.requestTimeoutSeconds, 120);
  EXPECT_EQ(c.receiver.receiptKey, resolved(base + "keys/receipts.key"));
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
TEST(ReceiverConfig, TheExampleIsValidAgainstTheSchema) {
  ASSERT_TRUE(package::test::haveTool("xmllint"));
  EXPECT_EQ(package::test::run("xmllint --noout --schema " BROBYG_SOURCE_DIR
                               "/schemas/config.xsd " BROBYG_SOURCE_DIR
                               "/config/receiver.example.xml 2>/dev/null"),
            0);
}
#endif

TEST(ReceiverConfig, ReceiptsAreSignedWithTheServerCertificateByDefault) {
  TempDir dir;
  Problems problems;
  const Config c = parse(dir, R"(<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory></service>
  <receiver id="r" listen="[::1]:0">
    <server-certificate>tls.crt</server-certificate><server-key>tls.key</server-key>
    <client-ca>ca.crt</client-ca><allow fingerprint="%%" name="K"/>
    <senders>s.xml</senders><decryption-certificate>d.crt</decryption-certificate>
    <decryption-key>d.key</decryption-key><inbox>in</inbox>
  </receiver>
</brobyg>)",
                         problems);
  EXPECT_EQ(problems.size(), 1u) << formatProblems("c.xml", problems);
  EXPECT_TRUE(mentions(problems, 5, "64 lowercase hex"));
  EXPECT_EQ(c.receiver.host, "::1");
  EXPECT_EQ(c.receiver.port, 0);
  EXPECT_EQ(c.receiver.receiptCertificate, resolved(dir.file("tls.crt")));
  EXPECT_EQ(c.receiver.receiptKey, resolved(dir.file("tls.key")));
}

TEST(ReceiverConfig, EveryProblemIsReportedAtItsLine) {
  TempDir dir;
  Problems problems;
  parse(dir, R"(<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory></service>
  <receiver id="../r" listen="8443" colour="x">
    <server-certificate>tls.crt</server-certificate>
    <allow fingerprint="ab" certificate="c.crt" name="K"/>
    <allow name=""/>
    <limits max-package-bytes="-1" max-connections="0" request-timeout="soon"/>
    <receipt-key>r.key</receipt-key>
    <surprise/>
  </receiver>
</brobyg>)",
        problems);
  const std::string all = formatProblems("c.xml", problems);
  EXPECT_TRUE(mentions(problems, 3, "<receiver> has an unknown attribute 'colour'")) << all;
  EXPECT_TRUE(mentions(problems, 3, "<receiver id>")) << all;
  EXPECT_TRUE(mentions(problems, 3, "<receiver listen> must be host:port")) << all;
  for (const char* part :
       {"server-key", "client-ca", "senders", "decryption-certificate", "decryption-key", "inbox"})
    EXPECT_TRUE(mentions(problems, 3, std::string("<receiver> needs <") + part + ">")) << all;
  EXPECT_TRUE(mentions(problems, 3, "both <receipt-certificate> and <receipt-key>")) << all;
  EXPECT_TRUE(mentions(problems, 5, "either fingerprint")) << all;
  EXPECT_TRUE(mentions(problems, 6, "either fingerprint")) << all;
  EXPECT_TRUE(mentions(problems, 6, "needs a name")) << all;
  EXPECT_TRUE(mentions(problems, 7, "<limits max-package-bytes>")) << all;
  EXPECT_TRUE(mentions(problems, 7, "<limits max-connections>")) << all;
  EXPECT_TRUE(mentions(problems, 7, "<limits request-timeout>")) << all;
  EXPECT_TRUE(mentions(problems, 9, "unknown element <surprise>")) << all;
  EXPECT_FALSE(mentions(problems, 1, "<producer>")) << "a receiver needs no producer";
}

TEST(ReceiverConfig, AJobStillNeedsAProducer) {
  TempDir dir;
  Problems problems;
  parse(dir, R"(<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory></service>
  <job id="j" project="p" destination="d"/>
  <receiver id="r" listen="0.0.0.0:8443"/>
</brobyg>)",
        problems);
  EXPECT_TRUE(mentions(problems, 1, "<producer>")) << formatProblems("c.xml", problems);
}

}  // namespace
}  // namespace brobyg::config
