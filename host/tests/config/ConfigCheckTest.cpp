#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "config/CertificateCheck.h"
#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "plugin/PluginRegistry.h"

namespace fs = std::filesystem;
using namespace brobyg::config;

namespace {

// Writes a self-signed EC certificate valid from `fromDays` to `toDays` relative to now,
// and its key, with the OpenSSL API (the CLI of OpenSSL 3.0 cannot backdate notAfter).
void makeCertificate(const fs::path& cert, const fs::path& key, long fromDays, long toDays,
                     bool tlsServerOnly = false) {
  EVP_PKEY* pkey = EVP_EC_gen("P-256");
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
  if (tlsServerOnly) {
    EXTENDED_KEY_USAGE* eku = sk_ASN1_OBJECT_new_null();
    sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_server_auth));
    X509_add1_ext_i2d(x, NID_ext_key_usage, eku, 0, 0);
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
  }
  X509_sign(x, pkey, EVP_sha256());
  FILE* f = std::fopen(cert.c_str(), "w");
  PEM_write_X509(f, x);
  std::fclose(f);
  f = std::fopen(key.c_str(), "w");
  PEM_write_PrivateKey(f, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
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
    makeCertificate(dir_ / "tls.crt", dir_ / "tls.key", -1, 365, true);
    std::ofstream(dir_ / "project.key") << std::string(64, 'a') << "\n";
    fs::permissions(dir_ / "project.key", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    std::ofstream(dir_ / "open.key") << std::string(64, 'b') << "\n";
    fs::permissions(dir_ / "open.key",
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read,
                    fs::perm_options::replace);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<Problem> check(const std::string& body) {
    fs::path file = dir_ / "brobyg.xml";
    std::ofstream(file) << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
                        << body << "</brobyg>\n";
    std::vector<Problem> problems;
    Config config = parseConfig(file.string(), problems);
    EXPECT_TRUE(problems.empty()) << formatProblems("brobyg.xml", problems);
    brobyg::plugin::PluginRegistry registry(BROBYG_PLUGIN_DIR);
    return checkConfig(config, registry);
  }

  fs::path dir_;
};

bool mentions(const std::vector<Problem>& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

const char* kGoodHead =
    "<service><state-directory>state</state-directory></service>\n"             // 3
    "<producer municipality=\"0101\" name=\"T\"><signing-certificate>muni.crt"  // 4
    "</signing-certificate><signing-key>muni.key</signing-key></producer>\n";

}  // namespace

TEST_F(ConfigCheckTest, AGoodConfigurationHasNoProblems) {
  auto problems = check(std::string(kGoodHead) +
                        "<project id=\"p\" key-file=\"project.key\"/>\n"
                        "<recipient id=\"r\" certificate=\"muni.crt\"/>\n"
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
  EXPECT_TRUE(mentions(problems, 5, "readable or writable by others")) << all;
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
      EXPECT_TRUE(p.warning);
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
  fs::permissions(dir_ / "state",
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::replace);
  auto problems = check(kGoodHead);
  EXPECT_TRUE(mentions(problems, 3, "state folder is open to others"))
      << formatProblems("x", problems);
  fs::permissions(dir_ / "state", fs::perms::owner_all, fs::perm_options::replace);
  EXPECT_FALSE(mentions(check(kGoodHead), 3, "open to others"));
}
