// Every configured certificate appears once per job that uses it, named by its setting,
// with its real expiry; a subject (which can hold a person's name) never appears.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "TempDir.h"
#ifdef _WIN32
#include "TestCertificates.h"
#endif
#include "config/Config.h"
#include "state/StateStore.h"
#include "status/Certificates.h"
#include "status/StatusJson.h"
#include "status/StatusMetrics.h"
#include "status/StatusText.h"

using namespace brobyg;

namespace {

// A self-signed certificate valid for `days`, whose subject is a person's name.
void makeCertificate(const std::string& path, int days) {
#ifdef _WIN32
  // No openssl CLI on Windows: the same made with libcrypto.
  test::writeCertificate(path, path + ".key",
                         {"/CN=Jens Hansen", false, days, "", "", test::selfSignedExtensions()});
#else
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + path +
      ".key -out " + path + " -days " + std::to_string(days) +
      " -subj '/CN=Jens Hansen' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
#endif
}

config::InstanceConfig instance(const std::string& id, const std::string& plugin) {
  config::InstanceConfig i;
  i.id = id;
  i.plugin = plugin;
  return i;
}

}  // namespace

TEST(Certificates, NamedBySettingWithTheirExpiryAndNeverBySubject) {
  test::TempDir dir;
  for (const auto& [name, days] : std::vector<std::pair<std::string, int>>{
           {"signing.crt", 400}, {"vive.crt", 20}, {"receipt.crt", 100}, {"client.crt", 200}})
    makeCertificate(dir.file(name), days);
  config::Config c;
  c.path = dir.file("brobyg.xml");
  c.directory = dir.path();
  c.service.stateDirectory = dir.path();
  c.producer.municipality = "0101";
  c.producer.signingCertificate = dir.file("signing.crt");
  c.recipients = {{{3}, "vive", dir.file("vive.crt")}, {{4}, "gone", dir.file("missing.crt")}};
  auto https = instance("evaluator", "https");
  https.receiptCertificate = dir.file("receipt.crt");
  https.settings = {{"certificate", "client.crt", 9}, {"url", "https://x/", 10}};  // relative
  c.destinations = {https};
  auto rest = instance("api", "rest");
  rest.settings = {{"ca_file", dir.file("vive.crt"), 14}};
  c.sources = {rest};
  for (const char* id : {"a", "b"}) {
    config::JobConfig job;
    job.id = id;
    job.destination = "evaluator";
    job.recipients = {"vive", "gone"};
    job.datasets = {{{0}, "absence", "api"}, {{0}, "cases", "api"}};  // the same source twice
    c.jobs.push_back(job);
  }

  const auto found = status::configuredCertificates(c);
  // The producer once; per job: 2 recipients, receipt, client, the source's CA once.
  ASSERT_EQ(found.size(), 1u + 2 * 5) << status::toJson([&] {
    status::Status s;
    s.certificates = found;
    return s;
  }());
  EXPECT_EQ(found[0].setting, "producer signing-certificate");
  EXPECT_EQ(found[0].role, "signing");
  EXPECT_EQ(found[0].job, "");
  const std::int64_t now = std::time(nullptr);
  auto near = [&](const std::optional<std::int64_t>& at, int days) {
    return at && std::llabs(*at - (now + days * 86400LL)) < 300;
  };
  EXPECT_TRUE(near(found[0].notAfter, 400));
  EXPECT_EQ(found[1].setting, "recipient vive certificate");
  EXPECT_EQ(found[1].role, "recipient");
  EXPECT_EQ(found[1].job, "a");
  EXPECT_EQ(found[1].line, 3);
  EXPECT_TRUE(near(found[1].notAfter, 20));
  EXPECT_EQ(found[2].setting, "recipient gone certificate");
  EXPECT_FALSE(found[2].notAfter.has_value()) << "unreadable: no expiry, still listed";
  EXPECT_EQ(found[3].role, "receipt");
  EXPECT_TRUE(near(found[3].notAfter, 100));
  EXPECT_EQ(found[4].setting, "destination evaluator setting certificate");
  EXPECT_EQ(found[4].role, "tls-client");
  EXPECT_TRUE(near(found[4].notAfter, 200)) << "a relative path is read from the config's folder";
  EXPECT_EQ(found[5].setting, "source api setting ca_file");
  EXPECT_EQ(found[5].role, "tls-ca");
  EXPECT_EQ(found[6].job, "b");

  status::Status s;
  s.certificates = found;
  for (const std::string& shown : {status::toJson(s), status::toPrometheus(s), status::toText(s)})
    EXPECT_EQ(shown.find("Jens"), std::string::npos) << shown;
}
