// brobygd as the evaluator's receiver (issue 14, item 3): the real daemon with a configuration
// of only <service> and <receiver>, and curl with real client certificates as the
// municipality. Packages come from a real `brobyg run`; the poser's is the same package
// re-signed with stock openssl by a certificate the senders file does not pin.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <regex>

#include "BrobygdProcess.h"
#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {
namespace {

// Client CA with two clients (one on the allow-list), a client from another CA, the
// receiver's TLS certificate for localhost (it signs the receipts too), and a poser signer.
void makeReceiverKeys(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
  std::string script = "cd " + quote(dir) + " && openssl req -x509 " + ec +
                       " -keyout ca.key -out ca.crt -days 30 -subj '/CN=Clients CA'" +
                       " && openssl req -x509 " + ec +
                       " -keyout otherca.key -out otherca.crt -days 30 -subj '/CN=Other CA'";
  for (const char* who : {"kommune", "stranger"})
    script += " && openssl req " + ec + " -keyout " + who + ".key -out " + who +
              ".csr -subj '/CN=" + who + "' && openssl x509 -req -in " + who +
              ".csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -out " + who + ".crt";
  script += " && openssl req " + ec +
            " -keyout outsider.key -out outsider.csr -subj '/CN=outsider' && openssl x509 -req"
            " -in outsider.csr -CA otherca.crt -CAkey otherca.key -CAcreateserial -days 30"
            " -out outsider.crt";
  script += " && openssl req -x509 " + ec +
            " -keyout receiver.key -out receiver.crt -days 30 -subj '/CN=localhost'"
            " -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
            " && openssl req -x509 " +
            ec + " -keyout poser.key -out poser.crt -days 30 -subj '/CN=Poser Kommune'" +
            " && chmod 600 *.key";
  mustRun(script);
}

std::string fingerprintOf(const fs::path& cert) {
  std::string out = mustRun("openssl x509 -in " + quote(cert) +
                            " -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1");
  return out.substr(0, 64);
}

constexpr const char* kAdminToken = "e2e-receiver-token-0123456789abcdefghijklmnop";
const std::regex kReceiverListening("receiver '[^']*' listening on 127\\.0\\.0\\.1:([0-9]+)");
const std::regex kAdminListening("admin API listening on 127\\.0\\.0\\.1:([0-9]+)");

class ReceiverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    inst_ = new Installation("receiver");
    mustRun(inst_->brobyg("run --job=skolefravaer --once"));
    ASSERT_EQ(inst_->dropped().size(), 1u);
    package_ = new fs::path(inst_->dropped().front());
  }
  static void TearDownTestSuite() {
    if (!::testing::UnitTest::GetInstance()->Failed()) fs::remove_all(inst_->dir);
    delete package_;
    delete inst_;
  }

  void SetUp() override {
    dir_ = freshDirectory(
        "receiver-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    keys_ = dir_ / "keys";
    makeReceiverKeys(keys_);
    for (const char* f : {"municipality.crt", "vive.crt", "vive.key"})
      fs::copy_file(inst_->dir / "keys" / f, keys_ / f);
    std::ofstream(dir_ / "senders.xml")
        << "<senders xmlns=\"urn:brobyg:senders:1\"><sender municipality=\"0101\" name=\"Demo\">"
           "<certificate>keys/municipality.crt</certificate></sender></senders>\n";
    { std::ofstream(keys_ / "admin.token") << kAdminToken << "\n"; }
    fs::permissions(keys_ / "admin.token", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    config_ = dir_ / "receiver.xml";
    process_.emplace(config_, dir_);
    std::ofstream(config_)
        << "<brobyg xmlns=\"urn:brobyg:config:1\">\n"
           "  <service><state-directory>state</state-directory><log-file>brobygd.log</log-file>"
           "<admin listen=\"127.0.0.1:0\" token-file=\"keys/admin.token\"/></service>\n"
           "  <receiver id=\"e2e-receiver\" listen=\"127.0.0.1:0\">\n"
           "    <server-certificate>keys/receiver.crt</server-certificate>\n"
           "    <server-key>keys/receiver.key</server-key>\n"
           "    <client-ca>keys/ca.crt</client-ca>\n"
           "    <allow fingerprint=\""
        << fingerprintOf(keys_ / "kommune.crt")
        << "\" name=\"Kommune 0101\"/>\n"
           "    <senders>senders.xml</senders>\n"
           "    <decryption-certificate>keys/vive.crt</decryption-certificate>\n"
           "    <decryption-key>keys/vive.key</decryption-key>\n"
           "    <inbox>inbox</inbox>\n"
           "    <limits max-package-bytes=\"8388608\" max-connections=\"4\" "
           "request-timeout=\"30s\"/>\n"
           "  </receiver>\n</brobyg>\n";
    // Dropped as <producer>-<job>-<package id>.cms.
    const std::string stem = package_->stem().string();
    id_ = stem.substr(stem.size() - std::string("20261202T050000Z-0123456789abcdef").size());
  }

  void TearDown() override {
    if (process_->started()) stop();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  void start() {
    process_->start();
    // The matches point into `text`: it must outlive the loop.
    std::string text;
    std::smatch receiver, admin;
    for (int i = 0; i < 300; ++i, ::usleep(100000)) {
      text = log();
      if (std::regex_search(text, receiver, kReceiverListening) &&
          std::regex_search(text, admin, kAdminListening))
        break;
    }
    ASSERT_FALSE(receiver.empty() || admin.empty()) << log();
    port_ = receiver[1].str();
    adminPort_ = admin[1].str();
  }

  void reload() { process_->reload("http://127.0.0.1:" + adminPort_, kAdminToken); }

  void stop() {
    process_->stop();
    EXPECT_FALSE(process_->alive()) << log();
  }

  std::string log() const {
    return fs::exists(dir_ / "brobygd.log") ? readAll(dir_ / "brobygd.log") : "";
  }

  // PUTs `file` as `client`; returns the HTTP status ("000" when TLS refused) and leaves the
  // answer in `answer`.
  std::string put(const fs::path& file, const std::string& id, const std::string& client,
                  const fs::path& answer, const std::string& options = "") const {
    Result r =
        run("curl -sS --max-time 60 " + options + " --cacert " + quote(keys_ / "receiver.crt") +
            " --cert " + quote(keys_ / (client + ".crt")) + " --key " +
            quote(keys_ / (client + ".key")) + " -T " + quote(file) + " -o " + quote(answer) +
            " -w '%{http_code}' https://localhost:" + port_ + "/packages/" + id);
    return r.out.substr(r.out.size() >= 3 ? r.out.size() - 3 : 0);
  }

  std::string sha256(const fs::path& file) const {
    return mustRun("sha256sum " + quote(file)).substr(0, 64);
  }

  fs::path inbox() const { return dir_ / "inbox"; }
  std::size_t incomingFiles() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(inbox() / ".incoming")) n += e.is_regular_file();
    return n;
  }

  // The same package re-signed by a certificate the senders file does not pin for 0101.
  fs::path poser() const {
    const std::string k = quote(keys_);
    const fs::path work = dir_ / "poser";
    fs::create_directories(work);
    const std::string w = quote(work);
    mustRun("openssl cms -decrypt -inform DER -in " + quote(*package_) + " -recip " + k +
            "/vive.crt -inkey " + k + "/vive.key -out " + w + "/signed.der" +
            " && openssl cms -verify -inform DER -binary -noverify -in " + w + "/signed.der -out " +
            w + "/package.zip" + " && openssl cms -sign -binary -nodetach -md sha256 -in " + w +
            "/package.zip -signer " + k + "/poser.crt -inkey " + k + "/poser.key -outform DER" +
            " -out " + w + "/poser-signed.der && openssl cms -encrypt -binary -aes-256-gcm -in " +
            w + "/poser-signed.der -recip " + k +
            "/vive.crt -keyopt rsa_padding_mode:oaep -outform DER -out " + w + "/poser.brobyg");
    return work / "poser.brobyg";
  }

  static Installation* inst_;
  static fs::path* package_;
  fs::path dir_, keys_, config_;
  std::optional<BrobygdProcess> process_;
  std::string id_, port_, adminPort_;
};

Installation* ReceiverTest::inst_ = nullptr;
fs::path* ReceiverTest::package_ = nullptr;

TEST_F(ReceiverTest, StoresOncePinsTheSignerAndAnswersWithTheSameSignedReceipt) {
  ASSERT_EQ(run(kBrobyg + " check --config=" + quote(config_)).exitCode, 0)
      << run(kBrobyg + " check --config=" + quote(config_)).out;
  start();
  // The poser claims producer 0101 with another certificate: refused, nothing stored.
  EXPECT_EQ(put(poser(), id_, "kommune", dir_ / "poser.txt"), "422");
  const std::string why = readAll(dir_ / "poser.txt");
  EXPECT_NE(why.find(fingerprintOf(keys_ / "poser.crt")), std::string::npos) << why;
  EXPECT_NE(why.find("101"), std::string::npos) << why;
  EXPECT_FALSE(fs::exists(inbox() / (id_ + ".brobyg")));

  ASSERT_EQ(put(*package_, id_, "kommune", dir_ / "receipt1.pem"), "200") << log();
  EXPECT_EQ(readAll(inbox() / (id_ + ".brobyg")), readAll(*package_));
  EXPECT_EQ(readAll(inbox() / (id_ + ".receipt")), readAll(dir_ / "receipt1.pem"));
  // The receipt opens with stock openssl, signed by the receiver's certificate.
  const std::string xml =
      mustRun("openssl cms -verify -inform PEM -in " + quote(dir_ / "receipt1.pem") + " -CAfile " +
              quote(keys_ / "receiver.crt") + " -partial_chain -purpose any 2>/dev/null");
  EXPECT_NE(xml.find("<packageId>" + id_ + "</packageId>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<sha256>" + sha256(*package_) + "</sha256>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<bytes>" + std::to_string(fs::file_size(*package_)) + "</bytes>"),
            std::string::npos);
  EXPECT_NE(xml.find("<receiverId>e2e-receiver</receiverId>"), std::string::npos);

  // A repeat: the same receipt, byte for byte, and one stored package.
  ASSERT_EQ(put(*package_, id_, "kommune", dir_ / "receipt2.pem"), "200");
  EXPECT_EQ(readAll(dir_ / "receipt2.pem"), readAll(dir_ / "receipt1.pem"));
  // Two uploads in one curl: the second connection offers to resume the first's TLS session.
  const std::string url = "https://localhost:" + port_ + "/packages/" + id_;
  const Result twice =
      run("curl -sS --max-time 60 --cacert " + quote(keys_ / "receiver.crt") + " --cert " +
          quote(keys_ / "kommune.crt") + " --key " + quote(keys_ / "kommune.key") + " -T " +
          quote(*package_) + " " + url + " -o " + quote(dir_ / "r3.pem") + " -T " +
          quote(*package_) + " " + url + " -o " + quote(dir_ / "r4.pem") + " -w '%{http_code} '");
  EXPECT_EQ(twice.out, "200 200 ") << log();
  EXPECT_EQ(readAll(dir_ / "r4.pem"), readAll(dir_ / "receipt1.pem"));
  // The same id with other bytes.
  EXPECT_EQ(put(poser(), id_, "kommune", dir_ / "conflict.txt"), "409");
  EXPECT_EQ(readAll(inbox() / (id_ + ".brobyg")), readAll(*package_));

  // What was received opens with stock openssl (decrypt, then verify the municipality).
  openWithOpenssl(inbox() / (id_ + ".brobyg"), keys_, "vive", dir_ / "opened");
  EXPECT_TRUE(fs::exists(dir_ / "opened/manifest.xml"));
  EXPECT_EQ(incomingFiles(), 0u);
  // The log names the package and the client, never a row.
  EXPECT_NE(log().find("package " + id_ + " from 'Kommune 0101': stored"), std::string::npos);
}

TEST_F(ReceiverTest, RefusesClientsOffTheAllowListOversizedUploadsAndBadIds) {
  start();
  // A certificate from the client CA that is not on the allow-list.
  EXPECT_EQ(put(*package_, id_, "stranger", dir_ / "a.txt"), "403");
  EXPECT_NE(readAll(dir_ / "a.txt").find(fingerprintOf(keys_ / "stranger.crt")), std::string::npos);
  // A client that sends its body without waiting for "100 Continue" still reads the 403.
  mustRun("head -c 3000000 /dev/zero > " + quote(dir_ / "eager.bin"));
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(put(dir_ / "eager.bin", id_, "stranger", dir_ / "g.txt", "-H 'Expect:'"), "403");
  // A certificate from another CA: the TLS handshake fails, nothing is answered.
  EXPECT_EQ(put(*package_, id_, "outsider", dir_ / "b.txt"), "000");
  EXPECT_FALSE(fs::exists(inbox() / (id_ + ".brobyg")));

  // Over max-package-bytes: 413 before the body is read; no file is left.
  mustRun("head -c 9000000 /dev/zero > " + quote(dir_ / "big.bin"));
  EXPECT_EQ(put(dir_ / "big.bin", id_, "kommune", dir_ / "c.txt"), "413");
  EXPECT_EQ(incomingFiles(), 0u);
  EXPECT_FALSE(fs::exists(inbox() / (id_ + ".brobyg")));

  EXPECT_EQ(put(*package_, "..%2F" + id_, "kommune", dir_ / "d.txt"), "400");
  EXPECT_EQ(put(*package_, "not-an-id", "kommune", dir_ / "e.txt"), "400");
  // Still serving the allowed client.
  EXPECT_EQ(put(*package_, id_, "kommune", dir_ / "f.pem"), "200") << log();
}

TEST_F(ReceiverTest, AReloadStartsTheReceiverAnewFromTheNewConfiguration) {
  start();
  EXPECT_EQ(put(*package_, id_, "stranger", dir_ / "before.txt"), "403");
  // The admin adds the stranger to the allow-list and reloads, without a restart.
  std::string text = readAll(config_);
  const std::string inboxLine = "    <inbox>inbox</inbox>\n";
  text.replace(text.find(inboxLine), inboxLine.size(),
               "    <allow fingerprint=\"" + fingerprintOf(keys_ / "stranger.crt") +
                   "\" name=\"Kommune 0147\"/>\n" + inboxLine);
  std::ofstream(config_) << text;
  const std::size_t logged = log().size();
  reload();
  // listen="127.0.0.1:0": the new listener has a port of its own, which the log tells.
  std::smatch m;
  std::string after;
  for (int i = 0; i < 300; ++i, ::usleep(100000)) {
    after = log().substr(logged);
    if (std::regex_search(after, m, kReceiverListening)) break;
  }
  ASSERT_FALSE(m.empty()) << log();
  EXPECT_NE(after.find("reloaded "), std::string::npos) << after;
  port_ = m[1].str();
  EXPECT_EQ(put(*package_, id_, "stranger", dir_ / "after.pem"), "200") << log();
  EXPECT_EQ(readAll(inbox() / (id_ + ".brobyg")), readAll(*package_));

  // A reload whose receiver cannot start (its port is taken) keeps the one before listening.
  Poco::Net::ServerSocket taken;
  taken.bind(Poco::Net::SocketAddress("127.0.0.1", 0), false, false);
  taken.listen(1);
  text = readAll(config_);
  text.replace(text.find("listen=\"127.0.0.1:0\"", text.find("<receiver ")), 20,
               "listen=\"127.0.0.1:" + std::to_string(taken.address().port()) + "\"");
  std::ofstream(config_) << text;
  const std::size_t logged2 = log().size();
  reload();
  for (int i = 0; i < 300; ++i, ::usleep(100000)) {
    after = log().substr(logged2);
    if (std::regex_search(after, m, kReceiverListening)) break;
  }
  ASSERT_FALSE(m.empty()) << log();
  EXPECT_NE(after.find("the receiver could not start from the new configuration"),
            std::string::npos)
      << after;
  port_ = m[1].str();
  EXPECT_EQ(put(*package_, id_, "kommune", dir_ / "still.pem"), "200") << log();
}

TEST_F(ReceiverTest, AnswersBusyBeyondMaxConnectionsAndFreesTheSlotOfACutUpload) {
  std::string text = readAll(config_);
  text.replace(text.find("max-connections=\"4\""), 19, "max-connections=\"1\"");
  std::ofstream(config_) << text;
  start();
  // One slow upload holds the only slot.
  mustRun("head -c 4000000 /dev/zero > " + quote(dir_ / "slow.bin"));
  const std::string pid =
      mustRun("curl -sS --max-time 120 --limit-rate 50K --cacert " + quote(keys_ / "receiver.crt") +
              " --cert " + quote(keys_ / "kommune.crt") + " --key " + quote(keys_ / "kommune.key") +
              " -T " + quote(dir_ / "slow.bin") + " https://localhost:" + port_ + "/packages/" +
              id_ + " >/dev/null 2>&1 & echo $!");
  for (int i = 0; i < 300 && incomingFiles() == 0; ++i) ::usleep(100000);
  ASSERT_EQ(incomingFiles(), 1u) << log();
  EXPECT_EQ(put(*package_, id_, "kommune", dir_ / "busy.txt"), "503");
  EXPECT_NE(readAll(dir_ / "busy.txt").find("busy"), std::string::npos);
  // The slow client goes away mid-upload: nothing is stored, the slot is free again.
  mustRun("kill " + pid);
  for (int i = 0; i < 300 && incomingFiles() != 0; ++i) ::usleep(100000);
  EXPECT_EQ(incomingFiles(), 0u) << log();
  EXPECT_FALSE(fs::exists(inbox() / (id_ + ".brobyg")));
  EXPECT_EQ(put(*package_, id_, "kommune", dir_ / "r.pem"), "200") << log();
}

}  // namespace
}  // namespace brobyg::e2e
