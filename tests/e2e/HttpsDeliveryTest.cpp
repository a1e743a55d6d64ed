// The https destination against brobygd's real receiver, with the real binaries: brobyg run →
// outbox → https plugin → receiver (client certificate on its allow-list) → signed receipt
// verified by the host (receipt-certificate) → delivered. Also the network faults
// (receiver down, stalled, cutting the connection mid-upload), certificate failures (unknown
// CA, host-name mismatch, a sender not on the allow-list), a receipt signed by another key,
// and kill -9 at each crash point of the sender and the receiver: after a restart the inbox
// holds every package once (opened with brobyg open, rows counted) and the register one
// entry per package.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <regex>
#include <thread>

#include "../../plugins/sftp/tests/TcpRelay.h"
#include "BrobygdProcess.h"
#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;
using brobyg::sftp::test::TcpRelay;

namespace {

void replaceIn(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = readAll(file);
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(file) << text;
}

void makePrivate(const fs::path& file) {
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
}

// A loopback port nothing listens on right now.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepting(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// A loopback relay to the receiver that forwards the first `bytes` the client sends, then
// holds the connection open without forwarding more: an upload stopped midway, while the
// receiver is still waiting for the rest (the moment to kill it).
class StallingRelay {
 public:
  StallingRelay(int targetPort, std::size_t bytes) : target_(targetPort), limit_(bytes) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 1);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~StallingRelay() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  bool stalled() const { return stalled_; }

 private:
  static sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
  }
  void run() {
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    const int server = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in address = loopback(target_);
    if (::connect(server, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
      std::size_t sent = 0;
      char buffer[4096];
      while (!stop_) {
        pollfd waits[2] = {{client, static_cast<short>(sent < limit_ ? POLLIN : 0), 0},
                           {server, POLLIN, 0}};
        if (::poll(waits, 2, 100) <= 0) continue;
        if (waits[0].revents != 0) {
          const ssize_t n = ::recv(client, buffer, std::min(sizeof buffer, limit_ - sent), 0);
          if (n <= 0 || ::send(server, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n)
            break;
          sent += static_cast<std::size_t>(n);
          stalled_ = sent >= limit_;
        }
        if (waits[1].revents != 0) {
          const ssize_t n = ::recv(server, buffer, sizeof buffer, 0);
          if (n <= 0 || ::send(client, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n)
            break;
        }
      }
    }
    ::close(server);
    ::close(client);
  }

  int target_;
  std::size_t limit_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> stalled_{false};
  std::thread thread_;
};

// TLS certificates made with the openssl command line in <installation>/tls (EC P-256):
// receiver-ca → receiver (DNS:localhost only, so that 127.0.0.1 is a host-name mismatch);
// other-ca (not trusted by the sender); client-ca → client (on the allow-list) and
// stranger (chained to client-ca, not on the allow-list); other (a self-signed certificate
// that is not the receiver's receipt signer).
void makeTls(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string d = quote(dir) + "/";
  const std::string newKey = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
  for (const char* ca : {"receiver-ca", "other-ca", "client-ca"})
    mustRun("openssl req -x509 " + newKey + " -days 30 -subj '/CN=" + ca + "' -keyout " + d + ca +
            ".key -out " + d + ca + ".crt -addext basicConstraints=critical,CA:TRUE" +
            " -addext keyUsage=critical,keyCertSign 2>&1");
  auto leaf = [&](const std::string& name, const std::string& ca, const std::string& ext) {
    { std::ofstream(dir / (name + ".ext")) << "basicConstraints=critical,CA:FALSE\n" << ext; }
    mustRun("openssl req -new " + newKey + " -subj '/CN=" + name + "' -keyout " + d + name +
            ".key -out " + d + name + ".csr 2>&1");
    mustRun("openssl x509 -req -in " + d + name + ".csr -CA " + d + ca + ".crt -CAkey " + d + ca +
            ".key -CAcreateserial -days 30 -extfile " + d + name + ".ext -out " + d + name +
            ".crt 2>&1");
  };
  leaf("receiver", "receiver-ca",
       "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\nsubjectAltName=DNS:localhost\n");
  leaf("impostor", "other-ca", "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n");
  leaf("client", "client-ca", "extendedKeyUsage=clientAuth\n");
  leaf("stranger", "client-ca", "extendedKeyUsage=clientAuth\n");
  mustRun("openssl req -x509 " + newKey + " -days 30 -subj '/CN=other' -keyout " + d +
          "other.key -out " + d + "other.crt 2>&1");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".key") makePrivate(e.path());
}

// The evaluator's brobygd as a receiver, in <installation>/receiver.
class Receiver {
 public:
  explicit Receiver(const Installation& inst) : dir_(inst.dir / "receiver") {
    fs::create_directories(dir_);
    port_ = freePort();
    std::ofstream(dir_ / "senders.xml")
        << "<?xml version=\"1.0\"?>\n<senders xmlns=\"urn:brobyg:senders:1\">\n"
           "  <sender municipality=\"0101\" name=\"Demo Kommune\">\n"
           "    <certificate>../keys/municipality.crt</certificate>\n  </sender>\n</senders>\n";
    std::ofstream(dir_ / "receiver.xml")
        << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
           "  <service><state-directory>state</state-directory>"
           "<log-file>brobygd.log</log-file></service>\n"
           "  <receiver id=\"vive-receiver\" listen=\"127.0.0.1:"
        << port_
        << "\">\n"
           "    <server-certificate>../tls/receiver.crt</server-certificate>\n"
           "    <server-key>../tls/receiver.key</server-key>\n"
           "    <client-ca>../tls/client-ca.crt</client-ca>\n"
           "    <allow certificate=\"../tls/client.crt\" name=\"Kommune 0101\"/>\n"
           "    <senders>senders.xml</senders>\n"
           "    <decryption-certificate>../keys/vive.crt</decryption-certificate>\n"
           "    <decryption-key>../keys/vive.key</decryption-key>\n"
           "    <inbox>inbox</inbox>\n"
           "    <limits max-package-bytes=\"104857600\" max-connections=\"4\" "
           "request-timeout=\"30s\"/>\n"
           "  </receiver>\n</brobyg>\n";
  }
  ~Receiver() { stop(); }

  int port() const { return port_; }
  fs::path inbox() const { return dir_ / "inbox"; }
  std::string log() const { return readAll(dir_ / "brobygd.log"); }

  // Starts brobygd; `crashAt` names a crash point it stops at (BROBYG_TEST_CRASH_AT).
  void start(const std::string& crashAt = "") {
    process_.start(crashAt.empty() ? "" : "BROBYG_TEST_CRASH_AT=" + crashAt + " ");
    for (int i = 0; i < 200 && !accepting(port_); ++i) ::usleep(50000);
    ASSERT_TRUE(accepting(port_)) << log();
  }
  bool alive() const { return process_.alive(); }
  void stop() { process_.kill(); }
  // Waits until brobygd stopped by itself (at a crash point).
  bool waitForExit() { return process_.waitForExit(10); }

  // The packages in the inbox (*.brobyg).
  std::vector<fs::path> packages() const {
    std::vector<fs::path> found;
    if (fs::exists(inbox()))
      for (const auto& e : fs::directory_iterator(inbox()))
        if (e.path().extension() == ".brobyg") found.push_back(e.path());
    return found;
  }

 private:
  fs::path dir_;
  int port_ = 0;
  BrobygdProcess process_{dir_ / "receiver.xml", dir_};
};

// The example's folder destination swapped for an https one to `url`.
void useHttpsDestination(const Installation& inst, const std::string& url,
                         const std::string& receiptCertificate = "tls/receiver.crt") {
  std::string xml = readAll(inst.config);
  const std::size_t start = xml.find("<destination id=\"evaluator-drop\"");
  const std::size_t end = xml.find("</destination>", start) + std::string("</destination>").size();
  ASSERT_NE(start, std::string::npos);
  xml.replace(start, end - start,
              "<destination id=\"evaluator-drop\" plugin=\"https\" receipt-certificate=\"" +
                  receiptCertificate + "\"><setting key=\"url\">" + url +
                  "</setting><setting key=\"ca_file\">tls/receiver-ca.crt</setting>"
                  "<setting key=\"certificate\">tls/client.crt</setting>"
                  "<setting key=\"key_file\">tls/client.key</setting>"
                  "<setting key=\"connect_timeout\">3s</setting>"
                  "<setting key=\"timeout\">3s</setting></destination>");
  std::ofstream(inst.config) << xml;
}

// The url setting in place, the rest kept.
void setUrl(const Installation& inst, const std::string& url) {
  std::string xml = readAll(inst.config);
  const std::regex setting("<setting key=\"url\">[^<]*</setting>");
  std::ofstream(inst.config) << std::regex_replace(xml, setting,
                                                   "<setting key=\"url\">" + url + "</setting>");
}

std::string url(int port, const std::string& host = "localhost") {
  return "https://" + host + ":" + std::to_string(port) + "/";
}

struct RunOutcome {
  Result result;
  std::string packageId;
  long written = -1;
};

RunOutcome runJob(const Installation& inst, const std::string& crashAt = "") {
  const std::string env = crashAt.empty() ? "" : "BROBYG_TEST_CRASH_AT=" + crashAt + " ";
  RunOutcome o{run(env + inst.brobyg("run --job=skolefravaer --once")), {}, -1};
  std::smatch m;
  if (std::regex_search(o.result.out, m, std::regex("package=([0-9TZ]+-[0-9a-f]+)")))
    o.packageId = m[1];
  if (std::regex_search(o.result.out, m, std::regex(" written=([0-9]+)")))
    o.written = std::stol(m[1]);
  // A run stopped at a crash point printed no summary: the outbox names its package.
  const std::string outbox = run(inst.brobyg("outbox")).out;
  if (o.packageId.empty() &&
      std::regex_search(outbox, m, std::regex("(^|\n)([0-9TZ]+-[0-9a-f]+)  ")))
    o.packageId = m[2];
  return o;
}

std::string outboxLine(const Installation& inst, const std::string& packageId) {
  const std::string all = run(inst.brobyg("outbox")).out;
  std::smatch m;
  if (std::regex_search(all, m, std::regex(packageId + "  [^\n]*(\n    [^\n]*)?"))) return m[0];
  return "(not in the outbox) " + all;
}

// Data rows in every dataset file of a package opened with brobyg open (the codebook and the
// risk report aside: they describe the datasets; absence_summary and person_period too:
// brobyg computes them, so the summary line's written does not count them).
long rowsIn(const Installation& inst, const fs::path& package) {
  const fs::path out = inst.dir / ("opened-" + package.stem().string());
  fs::remove_all(out);
  mustRun(kBrobyg + " open --package=" + quote(package) + " --cert=" +
          quote(inst.dir / "keys/vive.crt") + " --key=" + quote(inst.dir / "keys/vive.key") +
          " --trust=0101=" + quote(inst.dir / "keys/municipality.crt") + " --out=" + quote(out) +
          " 2>&1");
  long rows = 0;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().extension() == ".csv" && e.path().filename() != "codebook.csv" &&
        e.path().filename() != "risk_report.csv" && e.path().filename() != "absence_summary.csv" &&
        e.path().filename() != "person_period.csv")
      rows += static_cast<long>(readCsv(e.path()).size()) - 1;
  return rows;
}

long registerEntries(const Installation& inst, const std::string& packageId) {
  const std::string audit = run(inst.brobyg("audit")).out;
  long n = 0;
  for (std::size_t at = audit.find("package=" + packageId); at != std::string::npos;
       at = audit.find("package=" + packageId, at + 1))
    ++n;
  return n;
}

class HttpsDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    inst_ = std::make_unique<Installation>(
        std::string("https-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    makeTls(inst_->dir / "tls");
    receiver_ = std::make_unique<Receiver>(*inst_);
    useHttpsDestination(*inst_, url(receiver_->port()));
  }
  void TearDown() override {
    receiver_.reset();
    if (!HasFailure()) fs::remove_all(inst_->dir);
  }

  // The package is delivered, once: the inbox holds it (its bytes are the outbox's, and
  // its rows the run's), the outbox says delivered with the inbox's receipt, and the register
  // has one entry.
  void expectDeliveredOnce(const RunOutcome& o) {
    EXPECT_NE(outboxLine(*inst_, o.packageId).find("  delivered  "), std::string::npos)
        << outboxLine(*inst_, o.packageId);
    const std::vector<fs::path> inbox = receiver_->packages();
    ASSERT_EQ(inbox.size(), 1u) << receiver_->log();
    EXPECT_EQ(inbox[0].stem().string(), o.packageId);
    EXPECT_TRUE(readAll(inbox[0]) == readAll(inst_->dir / "state/outbox" / (o.packageId + ".cms")));
    const long rows = rowsIn(*inst_, inbox[0]);
    EXPECT_GT(rows, 0);
    if (o.written >= 0) {
      EXPECT_EQ(rows, o.written);
    }
    EXPECT_EQ(registerEntries(*inst_, o.packageId), 1);
    const std::string stored =
        mustRun("sqlite3 " + quote(inst_->dir / "state/brobyg.db") +
                " \"select receipt from outbox where package_id = '" + o.packageId + "'\"");
    EXPECT_NE(stored.find("-----BEGIN CMS-----"), std::string::npos) << stored;
    const Result verify = run(inst_->brobyg("audit verify"));
    EXPECT_EQ(verify.exitCode, 0) << verify.out;
  }

  std::unique_ptr<Installation> inst_;
  std::unique_ptr<Receiver> receiver_;
};

TEST_F(HttpsDelivery, AJobIsDeliveredToTheRealReceiverAndItsReceiptVerified) {
  receiver_->start();
  Result check = run(inst_->brobyg("check"));
  ASSERT_EQ(check.exitCode, 0) << check.out;
  const RunOutcome o = runJob(*inst_);
  ASSERT_EQ(o.result.exitCode, 0) << o.result.out << receiver_->log();
  EXPECT_NE(o.result.out.find("delivery=delivered"), std::string::npos) << o.result.out;
  expectDeliveredOnce(o);
  // What arrived opens with stock openssl, and the receipt verifies with it too.
  openWithOpenssl(receiver_->packages()[0], inst_->dir / "keys", "vive", inst_->dir / "stock");
  EXPECT_TRUE(fs::exists(inst_->dir / "stock/manifest.xml"));
  const fs::path receipt = receiver_->inbox() / (o.packageId + ".receipt");
  const std::string xml =
      mustRun("openssl cms -verify -inform PEM -in " + quote(receipt) + " -noverify 2>/dev/null");
  EXPECT_NE(xml.find(o.packageId), std::string::npos) << xml;
}

TEST_F(HttpsDelivery, DownFailingStalledAndCutReceiversAreRetriedAndThePackageArrivesOnce) {
  // Down: nothing listens yet.
  RunOutcome o = runJob(*inst_);
  ASSERT_EQ(o.result.exitCode, 3) << o.result.out;
  ASSERT_FALSE(o.packageId.empty()) << o.result.out;
  EXPECT_NE(outboxLine(*inst_, o.packageId).find("  retry  "), std::string::npos);
  receiver_->start();
  // Answering 500: the real receiver cannot store (its upload folder replaced by a file, which
  // stops root too); nothing is kept, and the package waits for the next attempt.
  {
    const fs::path incoming = receiver_->inbox() / ".incoming";
    fs::remove_all(incoming);
    std::ofstream(incoming) << "not a folder";
    Result send = run(inst_->brobyg("outbox --send"));
    EXPECT_EQ(send.exitCode, 3) << send.out;
    EXPECT_TRUE(receiver_->packages().empty());
    EXPECT_NE(outboxLine(*inst_, o.packageId).find("500"), std::string::npos)
        << outboxLine(*inst_, o.packageId);
    fs::remove(incoming);
    fs::create_directory(incoming);
    fs::permissions(incoming, fs::perms::owner_all);
  }
  // Stalled: a relay that accepts and never answers.
  {
    TcpRelay silent(0, TcpRelay::Mode::Silent);
    setUrl(*inst_, url(silent.port()));
    Result send = run(inst_->brobyg("outbox --send"));
    EXPECT_EQ(send.exitCode, 3) << send.out;
  }
  // Cut: the connection to the real receiver breaks after 16 KiB of the upload.
  {
    TcpRelay cutting(receiver_->port(), TcpRelay::Mode::Forward);
    cutting.cutAfter(16 * 1024);
    setUrl(*inst_, url(cutting.port()));
    Result send = run(inst_->brobyg("outbox --send"));
    EXPECT_EQ(send.exitCode, 3) << send.out;
    EXPECT_EQ(cutting.cuts(), 1);
  }
  EXPECT_TRUE(receiver_->packages().empty());
  setUrl(*inst_, url(receiver_->port()));
  Result send = run(inst_->brobyg("outbox --send"));
  ASSERT_EQ(send.exitCode, 0) << send.out << receiver_->log();
  expectDeliveredOnce(o);
  EXPECT_NE(outboxLine(*inst_, o.packageId).find("attempts=5"), std::string::npos)
      << outboxLine(*inst_, o.packageId);
}

TEST_F(HttpsDelivery, CertificateFailuresSendNothingAndSayWhy) {
  receiver_->start();
  // A receiver certificate from a CA the sender does not trust.
  replaceIn(inst_->config, "tls/receiver-ca.crt", "tls/other-ca.crt");
  Result check = run(inst_->brobyg("check"));
  EXPECT_NE(check.exitCode, 0);
  EXPECT_NE(check.out.find("TLS with"), std::string::npos) << check.out;
  RunOutcome o = runJob(*inst_);
  EXPECT_EQ(o.result.exitCode, 3) << o.result.out;
  EXPECT_NE(outboxLine(*inst_, o.packageId).find("certificate verify failed"), std::string::npos)
      << outboxLine(*inst_, o.packageId);
  // The right CA, but the URL's host is not the certificate's name.
  replaceIn(inst_->config, "tls/other-ca.crt", "tls/receiver-ca.crt");
  setUrl(*inst_, url(receiver_->port(), "127.0.0.1"));
  EXPECT_EQ(run(inst_->brobyg("outbox --send")).exitCode, 3);
  EXPECT_NE(outboxLine(*inst_, o.packageId).find("Unacceptable certificate from 127.0.0.1"),
            std::string::npos)
      << outboxLine(*inst_, o.packageId);
  // A client certificate the receiver's CA issued, but not on its allow-list: 403.
  setUrl(*inst_, url(receiver_->port()));
  replaceIn(inst_->config, "tls/client.crt", "tls/stranger.crt");
  replaceIn(inst_->config, "tls/client.key", "tls/stranger.key");
  EXPECT_EQ(run(inst_->brobyg("outbox --send")).exitCode, 3);
  EXPECT_NE(outboxLine(*inst_, o.packageId).find("answered 403"), std::string::npos)
      << outboxLine(*inst_, o.packageId);
  EXPECT_TRUE(receiver_->packages().empty()) << receiver_->log();
  EXPECT_EQ(registerEntries(*inst_, o.packageId), 0);
}

TEST_F(HttpsDelivery, AReceiptSignedByAnotherKeyIsNotADelivery) {
  receiver_->start();
  replaceIn(inst_->config, "receipt-certificate=\"tls/receiver.crt\"",
            "receipt-certificate=\"tls/other.crt\"");
  RunOutcome o = runJob(*inst_);
  EXPECT_EQ(o.result.exitCode, 3) << o.result.out;
  const std::string line = outboxLine(*inst_, o.packageId);
  EXPECT_NE(line.find("  retry  "), std::string::npos) << line;
  EXPECT_NE(line.find("receipt from destination 'evaluator-drop'"), std::string::npos) << line;
  EXPECT_EQ(registerEntries(*inst_, o.packageId), 0);
  // The right pin: the repeat gets the receiver's stored receipt, and the package is stored
  // once.
  replaceIn(inst_->config, "receipt-certificate=\"tls/other.crt\"",
            "receipt-certificate=\"tls/receiver.crt\"");
  Result send = run(inst_->brobyg("outbox --send"));
  ASSERT_EQ(send.exitCode, 0) << send.out;
  expectDeliveredOnce(o);
}

TEST_F(HttpsDelivery, AReceiverKilledDuringTheUploadGetsThePackageOnceAfterItsRestart) {
  receiver_->start();
  {
    // The upload stops after 64 KiB, the receiver waits for the rest, and is killed then.
    StallingRelay relay(receiver_->port(), 64 * 1024);
    setUrl(*inst_, url(relay.port()));
    std::thread killer([&] {
      for (int i = 0; i < 200 && !relay.stalled(); ++i) ::usleep(50000);
      ::usleep(300000);
      receiver_->stop();  // kill -9
    });
    RunOutcome o = runJob(*inst_);
    killer.join();
    EXPECT_TRUE(relay.stalled());
    EXPECT_EQ(o.result.exitCode, 3) << o.result.out;
  }
  EXPECT_TRUE(receiver_->packages().empty());
  receiver_->start();
  setUrl(*inst_, url(receiver_->port()));
  Result send = run(inst_->brobyg("outbox --send"));
  ASSERT_EQ(send.exitCode, 0) << send.out << receiver_->log();
  const std::string outbox = run(inst_->brobyg("outbox")).out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(outbox, m, std::regex("([0-9TZ]+-[0-9a-f]+)  delivered")))
      << outbox;
  expectDeliveredOnce({{}, m[1], -1});
}

// kill -9 at a crash point of the receiver or the sender, then restart both: delivered once.
class HttpsCrash : public HttpsDelivery, public ::testing::WithParamInterface<const char*> {};

TEST_P(HttpsCrash, ACrashAtThisPointDeliversThePackageOnce) {
  const std::string point = GetParam();
  const bool inReceiver = point.rfind("receiver-", 0) == 0;
  receiver_->start(inReceiver ? point : "");
  RunOutcome o = runJob(*inst_, inReceiver ? "" : point);
  ASSERT_FALSE(o.packageId.empty()) << o.result.out;
  if (inReceiver) {
    EXPECT_EQ(o.result.exitCode, 3) << o.result.out;
    EXPECT_TRUE(receiver_->waitForExit()) << "brobygd did not stop at " << point;
  } else {
    EXPECT_EQ(o.result.exitCode, 86) << o.result.out;
    receiver_->stop();  // kill -9
  }
  receiver_->start();
  Result send = run(inst_->brobyg("outbox --send"));
  EXPECT_EQ(send.exitCode, 0) << send.out << receiver_->log();
  expectDeliveredOnce(o);
}

INSTANTIATE_TEST_SUITE_P(Points, HttpsCrash,
                         ::testing::Values("sending", "receiver-before-package",
                                           "receiver-before-receipt", "receiver-before-answer",
                                           "delivered-unrecorded"),
                         [](const ::testing::TestParamInfo<const char*>& point) {
                           std::string name = point.param;
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

}  // namespace
