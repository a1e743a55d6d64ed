#include "pseudo/Pseudonymiser.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "TempDir.h"
#include "util/Error.h"
#include "util/Hex.h"

namespace brobyg::pseudo {
namespace {
namespace fs = std::filesystem;

ProjectKey testKey() {
  ProjectKey::Bytes bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i);
  return ProjectKey::fromBytes(bytes);
}

// Expected values computed independently with the openssl CLI (and checked with Python's
// hmac module):
//   printf '%s\n' 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f > k
//   chmod 600 k; tests/e2e/openssl_pseudonym.sh k vive-fravaer-2025 0101001234
// which runs
//   openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:<key>
//     -kdfopt 'info:brobyg/project/v1|vive-fravaer-2025' -binary HKDF | od -An -v -tx1
//   printf '%s' 'brobyg/person/v1|0101001234' |
//     openssl dgst -sha256 -mac HMAC -macopt hexkey:<K_project> -binary |
//     head -c 16 | base32 | tr -d '=' | tr 'A-Z' 'a-z'
TEST(Pseudonymiser, KnownAnswers) {
  Pseudonymiser p(testKey(), "vive-fravaer-2025");
  EXPECT_EQ(p.ofDigits("0101001234").str(), "4wdv2g2jp77kkedulzvj4wvbdi");
  EXPECT_EQ(p.ofDigits("3112995678").str(), "tq5qmd66ilzaggtxm2xsrcoeom");
  EXPECT_EQ(p.ofDigits("2902200012").str(), "zs2woq6v6l7itjb6o7hfvk4noq");
  EXPECT_EQ(p.ofDigits("1507624321").str(), "orv4hsv7nuy2h2aca6qi22s7gq");
  EXPECT_EQ(p.keyId(), "630dcd2966c43366");
  EXPECT_EQ(p.projectId(), "vive-fravaer-2025");
}

TEST(Pseudonymiser, ProjectsAreUnlinkable) {
  Pseudonymiser other(testKey(), "other-project");
  EXPECT_EQ(other.ofDigits("0101001234").str(), "ldr7lw27xsjt4k6z4zisgseauu");
}

TEST(Pseudonymiser, CprAndDashFormGiveTheSamePseudonym) {
  Pseudonymiser p(testKey(), "vive-fravaer-2025");
  CprResult plain = parseCpr("1507624321", Date{2025, 1, 1});
  CprResult dashed = parseCpr(" 150762-4321 ", Date{2025, 1, 1});
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(dashed.ok());
  EXPECT_EQ(p.pseudonym(plain.cpr), p.pseudonym(dashed.cpr));
  EXPECT_EQ(p.pseudonym(plain.cpr).str(), "orv4hsv7nuy2h2aca6qi22s7gq");
}

TEST(Pseudonymiser, PrefetchIsOnlyAHint) {
  Pseudonymiser cached(testKey(), "vive-fravaer-2025");
  Pseudonymiser uncached(testKey(), "vive-fravaer-2025", 0);
  for (const Pseudonymiser* p : {&cached, &uncached})
    for (const char* text : {"", "0101001234", "010100-1234", "0101001234567", "abc", " 0101",
                             "99999999999", "9999999999"})
      p->prefetch(text);  // any text, a cache or none, before or after lookups: no effect
  EXPECT_EQ(cached.ofDigits("0101001234").str(), "4wdv2g2jp77kkedulzvj4wvbdi");
  cached.prefetch("0101001234");
  EXPECT_EQ(cached.ofDigits("0101001234").str(), "4wdv2g2jp77kkedulzvj4wvbdi");
  EXPECT_EQ(cached.cacheMisses(), 1u);
  EXPECT_EQ(uncached.ofDigits("0101001234").str(), "4wdv2g2jp77kkedulzvj4wvbdi");
}

TEST(Pseudonymiser, PseudonymShape) {
  Pseudonymiser p(testKey(), "x");
  std::string value = p.ofDigits("0101001234").str();
  EXPECT_EQ(value.size(), 26u);
  EXPECT_EQ(value.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"), std::string::npos);
}

std::string errorOf(Pseudonymiser& p, std::string_view digits) {
  try {
    p.ofDigits(digits);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Pseudonymiser, RefusesAnythingButTenDigitsWithoutQuotingIt) {
  Pseudonymiser p(testKey(), "x");
  for (std::string_view bad : {"", "123456789", "12345678901", "010100-1234", "01010O1234"}) {
    std::string error = errorOf(p, bad);
    EXPECT_FALSE(error.empty()) << bad;
    EXPECT_EQ(error.find("1234"), std::string::npos) << error;
  }
  EXPECT_THROW(p.computeUncached("12345"), Error);
}

TEST(Pseudonymiser, RefusesBadProjectIds) {
  EXPECT_THROW(Pseudonymiser(testKey(), ""), Error);
  EXPECT_THROW(Pseudonymiser(testKey(), "a\nb"), Error);
  EXPECT_THROW(Pseudonymiser(testKey(), std::string_view("a\0b", 3)), Error);
}

std::string digitsFor(unsigned n) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%010u", n * 7919u % 4000000000u);
  return buffer;
}

TEST(Pseudonymiser, CacheMatchesUncachedAcrossClears) {
  Pseudonymiser cached(testKey(), "p", 1000);
  Pseudonymiser uncached(testKey(), "p", 0);
  for (int round = 0; round < 3; ++round) {
    for (unsigned i = 0; i < 2500; ++i) {
      std::string digits = digitsFor(i % (round == 1 ? 700 : 2500));
      Pseudonym value = cached.ofDigits(digits);
      ASSERT_EQ(value, uncached.ofDigits(digits)) << i;
      ASSERT_EQ(value, cached.computeUncached(digits)) << i;
      ASSERT_LE(cached.cachedEntries(), 1000u);
    }
  }
  EXPECT_GT(cached.cacheHits(), 0u);
  EXPECT_GT(cached.cacheMisses(), 0u);
  EXPECT_EQ(uncached.cachedEntries(), 0u);
}

TEST(Pseudonymiser, RepeatsAreServedFromTheCache) {
  Pseudonymiser p(testKey(), "p", 100);
  for (int i = 0; i < 10; ++i) p.ofDigits("0101001234");
  EXPECT_EQ(p.cacheMisses(), 1u);
  EXPECT_EQ(p.cacheHits(), 9u);
  EXPECT_EQ(p.cachedEntries(), 1u);
}

// Runs tests/e2e/openssl_pseudonym.sh and compares: the evaluator's independent route.
#ifndef _WIN32
std::string runScript(const std::string& keyFile, const std::string& project,
                      const std::string& digits) {
  std::string command = "'" BROBYG_SOURCE_DIR "/tests/e2e/openssl_pseudonym.sh' '" + keyFile +
                        "' '" + project + "' '" + digits + "'";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[128];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  if (pclose(pipe) != 0) return "";
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(Pseudonymiser, MatchesTheOpensslScript) {
  if (!fs::exists("/usr/bin/openssl")) GTEST_SKIP() << "no /usr/bin/openssl";
  test::TempDir dir;
  const std::string keyFile = dir.file("project.key");
  generateKeyFile(keyFile);
  ProjectKey key = ProjectKey::load(keyFile);
  for (const std::string project : {"vive-fravaer-2025", "VIVE 2025/anbragte børn: pilot"}) {
    Pseudonymiser p(key, project);
    for (const std::string digits : {"0101001234", "2902004000", "3112995678", "1507624321"}) {
      EXPECT_EQ(runScript(keyFile, project, digits), p.ofDigits(digits).str())
          << project << " " << digits;
    }
  }
}
#endif

}  // namespace
}  // namespace brobyg::pseudo
