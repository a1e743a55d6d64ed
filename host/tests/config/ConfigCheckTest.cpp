#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "FileMode.h"
#include "config/CertificateCheck.h"
#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "plugin/PluginRegistry.h"

namespace fs = std::filesystem;
using namespace brobyg::config;

namespace {

// Writes a self-signed EC certificate valid from `fromDays` to `toDays` relative to now,
// and its key, with the OpenSSL API (the CLI of OpenSSL 3.0 cannot backdate notAfter).
struct CertOptions {
  bool tlsServerOnly = false;
  bool ca = false;  // basicConstraints CA:TRUE
  int rsaBits = 0;  // 0: EC P-256
};

void makeCertificate(const fs::path& cert, const fs::path& key, long fromDays, long toDays,
                     CertOptions options = {}) {
  EVP_PKEY* pkey = options.rsaBits > 0 ? EVP_RSA_gen(static_cast<unsigned int>(options.rsaBits))
                                       : EVP_EC_gen("P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), fromDays * 86400);
  X509_gmtime_adj(X509_getm_notAfter(x), toDays * 86400);
  X509_set_pubkey(x, pkey);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Test Kommune"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  if (options.ca) {
    X509_EXTENSION* ext =
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_basic_constraints, "critical,CA:TRUE");
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (options.tlsServerOnly) {
    EXTENDED_KEY_USAGE* eku = sk_ASN1_OBJECT_new_null();
    sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_server_auth));
    X509_add1_ext_i2d(x, NID_ext_key_usage, eku, 0, 0);
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
  }
  X509_sign(x, pkey, EVP_sha256());
  FILE* f = std::fopen(cert.string().c_str(), "w");
  PEM_write_X509(f, x);
  std::fclose(f);
  f = std::fopen(key.string().c_str(), "w");
  PEM_write_PrivateKey(f, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  brobyg::test::setFileMode(key.string(), 0600);
  X509_free(x);
  EVP_PKEY_free(pkey);
}

class ConfigCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("brobyg-check-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "export");
    fs::create_directories(dir_ / "drop");
    makeCertificate(dir_ / "muni.crt", dir_ / "muni.key", -1, 365);
    makeCertificate(dir_ / "expired.crt", dir_ / "expired.key", -30, -1);
    makeCertificate(dir_ / "soon.crt", dir_ / "soon.key", -1, 5);
    makeCertificate(dir_ / "tls.crt", dir_ / "tls.key", -1, 365, {.tlsServerOnly = true});
    makeCertificate(dir_ / "vive.crt", dir_ / "vive.key", -1, 365);
    std::ofstream(dir_ / "project.key") << std::string(64, 'a') << "\n";
    brobyg::test::setFileMode((dir_ / "project.key").string(), 0600);
    std::ofstream(dir_ / "open.key") << std::string(64, 'b') << "\n";
    brobyg::test::setFileMode((dir_ / "open.key").string(), 0604);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The problems preflight finds for job `job` of a configuration with `body`.
  Problems preflightOf(const std::string& body, const std::string& job) {
    fs::path file = dir_ / "brobyg.xml";
    std::ofstream(file) << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
                        << body << "</brobyg>\n";
    Config config = loadConfig(file.string());
    brobyg::plugin::PluginRegistry registry(BROBYG_PLUGIN_DIR);
    return preflight(config, registry, job);
  }

  std::vector<Problem> check(const std::string& body) {
    fs::path file = dir_ / "brobyg.xml";
    std::ofstream(file) << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
                        << body << "</brobyg>\n";
    std::vector<Problem> problems;
    Config config = parseConfig(file.string(), problems);
    EXPECT_TRUE(problems.empty()) << formatProblems("brobyg.xml", problems);
    brobyg::plugin::PluginRegistry registry(BROBYG_PLUGIN_DIR, config.pluginNames());
    return checkConfig(config, registry);
  }

  fs::path dir_;
};

bool mentions(const std::vector<Problem>& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

// How brobyg words a key file others can read (util/FileSecurityPosix.cpp: the mode bits;
// util/FileSecurityWindows.cpp: the account the access list lets in, Everyone for 0604 here).
#ifdef _WIN32
const char* kReadableByOthers = "readable or writable by Everyone";
#else
const char* kReadableByOthers = "readable or writable by others";
#endif

const char* kGoodHead =
    "<service><state-directory>state</state-directory></service>\n"             // 3
    "<producer municipality=\"0101\" name=\"T\"><signing-certificate>muni.crt"  // 4
    "</signing-certificate><signing-key>muni.key</signing-key></producer>\n";

}  // namespace

TEST_F(ConfigCheckTest, AGoodConfigurationHasNoProblems) {
  auto problems = check(std::string(kGoodHead) +
                        "<project id=\"p\" key-file=\"project.key\"/>\n"
                        "<recipient id=\"r\" certificate=\"vive.crt\"/>\n"
                        "<destination id=\"d\" plugin=\"folder\">"
                        "<setting key=\"directory\">drop</setting></destination>\n");
  EXPECT_TRUE(problems.empty()) << formatProblems("brobyg.xml", problems);
}

TEST_F(ConfigCheckTest, ReportsEveryProblemAtOnce) {
  auto problems = check(std::string(kGoodHead) +
                        "<project id=\"p\" key-file=\"open.key\"/>\n"          // 5
                        "<project id=\"q\" key-file=\"missing.key\"/>\n"       // 6
                        "<recipient id=\"r\" certificate=\"expired.crt\"/>\n"  // 7
                        "<recipient id=\"s\" certificate=\"soon.crt\"/>\n"     // 8
                        "<recipient id=\"t\" certificate=\"project.key\"/>\n"  // 9
                        "<destination id=\"d\" plugin=\"folder\">\n"           // 10
                        "  <setting key=\"directry\">drop</setting>\n"         // 11
                        "  <setting key=\"create_directory\">yes</setting>\n"  // 12
                        "</destination>\n"                                     // 13
                        "<destination id=\"e\" plugin=\"nosuchplugin\"/>\n"    // 14
                        "<source id=\"f\" plugin=\"folder\"/>\n");             // 15
  std::string all = formatProblems("brobyg.xml", problems);
  EXPECT_TRUE(mentions(problems, 5, kReadableByOthers)) << all;
  EXPECT_TRUE(mentions(problems, 6, "missing.key")) << all;
  EXPECT_TRUE(mentions(problems, 7, "certificate expired")) << all;
  EXPECT_TRUE(mentions(problems, 8, "expires soon")) << all;
  EXPECT_TRUE(mentions(problems, 9, "not a readable PEM certificate")) << all;
  EXPECT_TRUE(mentions(problems, 11, "unknown setting 'directry' (did you mean 'directory'?)"))
      << all;
  EXPECT_TRUE(mentions(problems, 12, "'create_directory' has an invalid value")) << all;
  EXPECT_TRUE(mentions(problems, 10, "required setting 'directory' is missing")) << all;
  EXPECT_TRUE(mentions(problems, 14, "no plugin named 'nosuchplugin'")) << all;
  EXPECT_TRUE(mentions(problems, 15, "is a destination, not a source")) << all;
  for (const auto& p : problems) {
    if (p.message.find("expires soon") != std::string::npos) {
      EXPECT_TRUE(p.isWarning());
    }
  }
}

TEST_F(ConfigCheckTest, SigningKeyMustMatchAndBePrivate) {
  auto problems = check(
      "<service><state-directory>state</state-directory></service>\n"
      "<producer municipality=\"0101\" name=\"T\"><signing-certificate>muni.crt"
      "</signing-certificate><signing-key>expired.key</signing-key></producer>\n");
  EXPECT_TRUE(mentions(problems, 4, "does not belong to")) << formatProblems("x", problems);
}

TEST_F(ConfigCheckTest, ATlsOnlyCertificateCannotSignPackages) {
  auto problems = check(
      "<service><state-directory>state</state-directory></service>\n"
      "<producer municipality=\"0101\" name=\"T\"><signing-certificate>tls.crt"
      "</signing-certificate><signing-key>tls.key</signing-key></producer>\n"
      "<recipient id=\"r\" certificate=\"tls.crt\"/>\n");
  EXPECT_TRUE(mentions(problems, 4, "does not allow S/MIME")) << formatProblems("x", problems);
  EXPECT_TRUE(mentions(problems, 5, "does not allow S/MIME")) << formatProblems("x", problems);
}

TEST_F(ConfigCheckTest, AStateFolderOpenToOthersIsRefused) {
  fs::create_directories(dir_ / "state");
  brobyg::test::setFileMode((dir_ / "state").string(), 0755);
  auto problems = check(kGoodHead);
  EXPECT_TRUE(mentions(problems, 3, "state folder is open to others"))
      << formatProblems("x", problems);
  brobyg::test::setFileMode((dir_ / "state").string(), 0700);
  EXPECT_FALSE(mentions(check(kGoodHead), 3, "open to others"));
}

TEST_F(ConfigCheckTest, RecipientsThatCannotBeTheEvaluatorAreRefused) {
  makeCertificate(dir_ / "ca.crt", dir_ / "ca.key", -1, 365, {.ca = true});
  makeCertificate(dir_ / "rsa1024.crt", dir_ / "rsa1024.key", -1, 365, {.rsaBits = 1024});
  auto problems = check(std::string(kGoodHead) +
                        "<recipient id=\"ca\" certificate=\"ca.crt\"/>\n"         // 5
                        "<recipient id=\"weak\" certificate=\"rsa1024.crt\"/>\n"  // 6
                        "<recipient id=\"self\" certificate=\"muni.crt\"/>\n"     // 7
                        "<recipient id=\"good\" certificate=\"vive.crt\"/>\n");   // 8
  std::string all = formatProblems("x", problems);
  EXPECT_TRUE(mentions(problems, 5, "a CA certificate")) << all;
  EXPECT_TRUE(mentions(problems, 6, "RSA key shorter than 2048 bits")) << all;
  EXPECT_TRUE(mentions(problems, 7, "the producer's own signing certificate")) << all;
  for (const auto& p : problems) EXPECT_NE(p.line, 8) << all;
}

TEST_F(ConfigCheckTest, AStateFolderThatIsAFileIsRefused) {
  std::ofstream(dir_ / "state") << "not a folder\n";
  auto problems = check(kGoodHead);
  EXPECT_TRUE(mentions(problems, 3, "is a file")) << formatProblems("x", problems);
}

namespace {

// The csv plugin's columns for every field of absence_event.
const std::string kColumns =
    "<map key=\"column\"><entry key=\"person\">cpr</entry><entry key=\"school\">s</entry>"
    "<entry key=\"municipality\">m</entry><entry key=\"grade\">g</entry>"
    "<entry key=\"date\">d</entry><entry key=\"category\">c</entry>"
    "<entry key=\"lesson\">l</entry></map>";

// Two jobs; `signer` signs, job a's source reads `export` with `skipLines`.
std::string twoJobs(const std::string& signer, const std::string& skipLines,
                    const std::string& expiresB = "2099-01-01") {
  return "<service><state-directory>state</state-directory></service>\n"       // 3
         "<producer municipality=\"0101\" name=\"T\"><signing-certificate>" +  // 4
         signer +
         ".crt</signing-certificate><signing-key>" + signer +
         ".key</signing-key></producer>\n"
         "<project id=\"p\" key-file=\"project.key\"/>\n"                               // 5
         "<recipient id=\"r\" certificate=\"vive.crt\"/>\n"                             // 6
         "<source id=\"s\" plugin=\"csv\"><setting key=\"directory\">export</setting>"  // 7
         "<setting key=\"skip_lines\">" +
         skipLines + "</setting>" + kColumns +
         "</source>\n"
         "<source id=\"t\" plugin=\"csv\"><setting key=\"directory\">gone</setting>"  // 8
         "<setting key=\"skip_lines\">-1</setting>" +
         kColumns +
         "</source>\n"
         "<destination id=\"d\" plugin=\"folder\"><setting key=\"directory\">drop"  // 9
         "</setting></destination>\n"
         "<job id=\"a\" project=\"p\" destination=\"d\">\n"  // 10
         "  <legal-basis agreement=\"A\" expires=\"2099-01-01\" datasets=\"absence_event\"/>\n"
         "  <dataset name=\"absence_event\" source=\"s\"/><recipient ref=\"r\"/>\n"
         "</job>\n"
         "<job id=\"b\" project=\"p\" destination=\"d\">\n"  // 14
         "  <legal-basis agreement=\"B\" expires=\"" +
         expiresB +
         "\" datasets=\"absence_event\"/>\n"  // 15
         "  <dataset name=\"absence_event\" source=\"t\"/><recipient ref=\"r\"/>\n"
         "</job>\n";
}

}  // namespace

TEST_F(ConfigCheckTest, PreflightRefusesWhatCheckRefusesForTheJob) {
  auto clean = preflightOf(twoJobs("muni", "0"), "a");
  EXPECT_FALSE(brobyg::hasErrors(clean)) << formatProblems("x", clean);

  auto expired = preflightOf(twoJobs("expired", "0"), "a");
  EXPECT_TRUE(mentions(expired, 4, "signing certificate")) << formatProblems("x", expired);
  EXPECT_TRUE(mentions(expired, 4, "certificate expired")) << formatProblems("x", expired);

  // skip_lines beyond its range made a run mark the file processed with none of its rows.
  auto tooMany = preflightOf(twoJobs("muni", "2147483648"), "a");
  EXPECT_TRUE(mentions(tooMany, 7, "'skip_lines' has an invalid value: expected a whole number"))
      << formatProblems("x", tooMany);
  EXPECT_TRUE(mentions(tooMany, 7, "from 0 to")) << formatProblems("x", tooMany);
}

TEST_F(ConfigCheckTest, PreflightLooksOnlyAtWhatTheJobUses) {
  // Job b's source has a setting out of range and its legal basis expired: job a runs.
  auto a = preflightOf(twoJobs("muni", "0", "2001-01-01"), "a");
  EXPECT_FALSE(brobyg::hasErrors(a)) << formatProblems("x", a);
  auto b = preflightOf(twoJobs("muni", "0", "2001-01-01"), "b");
  EXPECT_TRUE(mentions(b, 8, "'skip_lines' has an invalid value")) << formatProblems("x", b);
  for (const auto& p : b) {
    // The expiry is the runner's refusal (exit 4), not a configuration error; a folder that
    // is not there is the run's failure (exit 1) or the outbox's retry (exit 3).
    EXPECT_EQ(p.message.find("expired"), std::string::npos) << p.message;
    EXPECT_EQ(p.message.find("does not exist"), std::string::npos) << p.message;
  }
  EXPECT_TRUE(brobyg::hasErrors(preflightOf(twoJobs("muni", "0"), "nosuchjob")));
}

// A run loads only the plugins its configuration uses; a plugin it names that is not installed
// is still reported with the folder's plugins listed.
TEST(PluginRegistryTest, LoadsOnlyTheWantedPluginsAndStillListsTheInstalledOnes) {
  brobyg::plugin::PluginRegistry all(BROBYG_PLUGIN_DIR);
  ASSERT_TRUE(all.find("sql")) << "the sql plugin is built with the tests";
  brobyg::plugin::PluginRegistry some(BROBYG_PLUGIN_DIR, {"csv", "folder", "nosuch"});
  std::vector<std::string> loaded;
  for (const auto& [name, library] : some.plugins()) loaded.push_back(name);
  EXPECT_EQ(loaded, (std::vector<std::string>{"csv", "folder"}));
  EXPECT_EQ(some.find("sql"), nullptr);
  const std::string message = some.missingMessage("nosuch");
  EXPECT_NE(message.find("no plugin named 'nosuch'"), std::string::npos) << message;
  EXPECT_NE(message.find("sql"), std::string::npos) << "installed plugins listed: " << message;
}
