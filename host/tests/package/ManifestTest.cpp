#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <optional>
#include <sstream>

#include "TestSupport.h"
#include "package/Manifest.h"
#include "package/PackageId.h"
#include "util/Error.h"

namespace brobyg::package {
namespace {

Manifest sample() {
  Manifest m;
  m.packageId = "20240601T120000Z-0123456789abcdef";
  m.created = "2024-06-01T12:00:00Z";
  m.softwareVersion = "0.1.0";
  m.producerMunicipalityCode = "101";
  m.producerName = "Københavns Kommune";
  m.recipientProjectId = "vive-absence-2024";
  m.agreementId = "DPA 2024/17";
  m.agreementExpires = "2026-12-31";
  m.periodFrom = "2024-01-01";
  m.periodTo = "2024-03-31";
  m.keyId = "00112233445566ff";
  m.files.push_back(
      {"absence_event.csv", "absence_event", "1", "csv", 1234, std::string(64, 'a'), 98765});
  m.files.push_back(
      {"xml/absence_event.xml", "absence_event", "1", "xml", 1234, std::string(64, 'b'), 198765});
  m.sources = {
      ManifestSource{"skolesystem", "csv", "absence_event", "", "0123456789abcdef", 9},
      ManifestSource{"sager", "sql", "case_measure", "fedcba9876543210", "0011223344556677", 0}};
  m.codebooks = {ManifestCodebook{"codebook.xml", std::string(64, 'c'), 321},
                 ManifestCodebook{"codebook.csv", std::string(64, 'd'), 123}};
  m.reports = {ManifestCodebook{"risk_report.xml", std::string(64, 'e'), 456}};
  m.registerHead = ManifestRegisterHead{17, std::string(63, '9') + "f"};
  return m;
}

void expectEqual(const Manifest& a, const Manifest& b) {
  EXPECT_EQ(a.packageId, b.packageId);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.softwareVersion, b.softwareVersion);
  EXPECT_EQ(a.producerMunicipalityCode, b.producerMunicipalityCode);
  EXPECT_EQ(a.producerName, b.producerName);
  EXPECT_EQ(a.recipientProjectId, b.recipientProjectId);
  EXPECT_EQ(a.agreementId, b.agreementId);
  EXPECT_EQ(a.agreementExpires, b.agreementExpires);
  EXPECT_EQ(a.periodFrom, b.periodFrom);
  EXPECT_EQ(a.periodTo, b.periodTo);
  EXPECT_EQ(a.keyId, b.keyId);
  ASSERT_EQ(a.files.size(), b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].fileName, b.files[i].fileName);
    EXPECT_EQ(a.files[i].dataset, b.files[i].dataset);
    EXPECT_EQ(a.files[i].schemaVersion, b.files[i].schemaVersion);
    EXPECT_EQ(a.files[i].format, b.files[i].format);
    EXPECT_EQ(a.files[i].rows, b.files[i].rows);
    EXPECT_EQ(a.files[i].sha256, b.files[i].sha256);
    EXPECT_EQ(a.files[i].bytes, b.files[i].bytes);
  }
  ASSERT_EQ(a.sources.size(), b.sources.size());
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    EXPECT_EQ(a.sources[i].id, b.sources[i].id);
    EXPECT_EQ(a.sources[i].plugin, b.sources[i].plugin);
    EXPECT_EQ(a.sources[i].dataset, b.sources[i].dataset);
    EXPECT_EQ(a.sources[i].cursorFrom, b.sources[i].cursorFrom);
    EXPECT_EQ(a.sources[i].cursorTo, b.sources[i].cursorTo);
    EXPECT_EQ(a.sources[i].rows, b.sources[i].rows);
  }
  ASSERT_EQ(a.codebooks.size(), b.codebooks.size());
  ASSERT_EQ(a.reports.size(), b.reports.size());
  const auto extraA = a.extraFiles(), extraB = b.extraFiles();
  for (std::size_t i = 0; i < extraA.size(); ++i) {
    EXPECT_EQ(extraA[i]->fileName, extraB[i]->fileName);
    EXPECT_EQ(extraA[i]->sha256, extraB[i]->sha256);
    EXPECT_EQ(extraA[i]->bytes, extraB[i]->bytes);
  }
  ASSERT_EQ(a.registerHead.has_value(), b.registerHead.has_value());
  if (a.registerHead) {
    EXPECT_EQ(a.registerHead->seq, b.registerHead->seq);
    EXPECT_EQ(a.registerHead->hash, b.registerHead->hash);
  }
}

TEST(Manifest, RoundTrip) {
  Manifest m = sample();
  expectEqual(parseManifest(toXml(m)), m);
  m.periodFrom.clear();
  m.periodTo.clear();
  m.codebooks.clear();
  m.reports.clear();
  m.sources.clear();
  m.registerHead.reset();  // a package made before the witness
  expectEqual(parseManifest(toXml(m)), m);
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
int xmllint(const test::TempDir& dir, const std::string& xml) {
  test::writeText(dir.file("manifest.xml"), xml);
  return test::run("xmllint --noout --schema " BROBYG_SOURCE_DIR "/schemas/manifest.xsd " +
                   dir.file("manifest.xml") + " 2>/dev/null");
}

TEST(Manifest, GeneratedXmlIsValidAgainstTheXsd) {
  if (!test::haveTool("xmllint")) GTEST_SKIP() << "xmllint not installed";
  test::TempDir dir;
  Manifest m = sample();
  EXPECT_EQ(xmllint(dir, toXml(m)), 0);
  m.periodTo.clear();
  m.codebooks.clear();
  m.sources.clear();
  EXPECT_EQ(xmllint(dir, toXml(m)), 0);
  m.registerHead = ManifestRegisterHead{0, std::string(64, '0')};  // an empty register
  EXPECT_EQ(xmllint(dir, toXml(m)), 0);
  m.registerHead.reset();
  EXPECT_EQ(xmllint(dir, toXml(m)), 0);
}

TEST(Manifest, XsdRejectsWhatTheCodeRejects) {
  if (!test::haveTool("xmllint")) GTEST_SKIP() << "xmllint not installed";
  test::TempDir dir;
  const std::string good = toXml(sample());
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string xml = good;
    xml.replace(xml.find(from), from.size(), to);
    return xml;
  };
  const std::pair<std::string, std::string> breaks[] = {
      {std::string(64, 'a'), std::string(64, 'A')},                     // sha256 upper case
      {std::string(64, 'a'), std::string(63, 'a')},                     // sha256 short
      {"00112233445566ff", "00112233445566f"},                          // key id
      {"20240601T120000Z-0123456789abcdef", "2024-06-01-12345"},        // package id
      {"format=\"csv\"", "format=\"json\""},                            // format
      {"2026-12-31", "2026-02-30"},                                     // date
      {"file=\"absence_event.csv\"", "file=\"../absence_event.csv\""},  // traversal
      {"schemaVersion=\"1\"", "schemaVersion=\"" + std::string(33, '1') + "\""},  // long
      {"cursorTo=\"0123456789abcdef\"", "cursorTo=\"/home/sager/export\""},       // a raw cursor
      {"id=\"skolesystem\"", "id=\"../skole\""},                                  // source id
      {"seq=\"17\"", "seq=\"-1\""},                                               // head seq
      {std::string(63, '9') + "f", std::string(63, '9')},                         // head hash
  };
  for (const auto& [from, to] : breaks) {
    std::string bad = replaced(from, to);
    EXPECT_NE(xmllint(dir, bad), 0) << to;
    EXPECT_THROW(parseManifest(bad), Error) << to;
  }
}
#endif

TEST(Manifest, RejectsInvalidFields) {
  Manifest m = sample();
  m.keyId = "XYZ";
  EXPECT_THROW(toXml(m), Error);
  m = sample();
  m.files.clear();
  EXPECT_THROW(toXml(m), Error);
  m = sample();
  m.files[1].fileName = m.files[0].fileName;
  EXPECT_THROW(toXml(m), Error);
  m = sample();
  m.periodTo = "2023-12-31";
  EXPECT_THROW(toXml(m), Error);
  m = sample();
  m.producerMunicipalityCode = "1010";
  EXPECT_THROW(toXml(m), Error);
  EXPECT_THROW(parseManifest("<manifest/>"), Error);
  EXPECT_THROW(parseManifest("not xml"), Error);
}

std::string manifestError(const std::string& xml) {
  try {
    parseManifest(xml);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Issue #7: std::regex recursed once per character; a 100,000-digit schemaVersion overflowed
// the stack of `brobyg open`.
TEST(Manifest, HugeValuesAreRefusedWithoutCrashingAndNotQuoted) {
  const std::string good = toXml(sample());
  const std::string digits(100000, '7');
  const std::pair<std::string, std::string> huge[] = {
      {"schemaVersion=\"1\"", "schemaVersion=\"" + digits + "\""},
      {"schemaVersion=\"1\"", "schemaVersion=\"1." + digits + "\""},
      {"name=\"absence_event\"", "name=\"a" + std::string(100000, 'b') + "\""},
      {"file=\"absence_event.csv\"", "file=\"" + std::string(100000, 'f') + "\""},
      {"projectId=\"vive-absence-2024\"", "projectId=\"v" + digits + "\""},
      {"<softwareVersion>0.1.0<", "<softwareVersion>0" + digits + "<"},
      {"<created>2024-06-01T12:00:00Z<", "<created>" + digits + "<"},
      {"<keyId>00112233445566ff<", "<keyId>" + digits + "<"},
      {"expires=\"2026-12-31\"", "expires=\"" + digits + "\""},
      {std::string(64, 'a'), std::string(100000, 'a')},
  };
  for (const auto& [from, to] : huge) {
    std::string xml = good;
    xml.replace(xml.find(from), from.size(), to);
    std::string error = manifestError(xml);
    EXPECT_NE(error, "") << from;
    EXPECT_LT(error.size(), 200u) << from;
    EXPECT_EQ(error.find("7777777777"), std::string::npos) << "the value is quoted: " << from;
  }
}

TEST(Manifest, SchemaVersionForms) {
  Manifest m = sample();
  for (const char* ok : {"1", "12", "1.0", "1.2.3", "0.0.0"}) {
    m.files[0].schemaVersion = ok;
    EXPECT_NO_THROW(validateManifest(m)) << ok;
  }
  for (const char* bad : {"", ".", "1.", ".1", "1..2", "1.2.3.4", "a", "1-2", " 1", "1 "}) {
    m.files[0].schemaVersion = bad;
    EXPECT_THROW(validateManifest(m), Error) << bad;
  }
  m.files[0].schemaVersion = std::string(32, '1');
  EXPECT_NO_THROW(validateManifest(m));
  m.files[0].schemaVersion = std::string(33, '1');
  EXPECT_THROW(validateManifest(m), Error);
}

TEST(Manifest, FileNameForms) {
  Manifest m = sample();
  const std::string segment(128, 'a');
  const std::vector<std::string> good = {"a.csv", "_x/-y/z.csv", segment, "a/b/c/d/e/f/g/h.csv"};
  for (const std::string& ok : good) {
    m.files[0].fileName = ok;
    EXPECT_NO_THROW(validateManifest(m)) << ok;
  }
  const std::vector<std::string> bad = {
      "",        ".hidden",    "a//b",        "a/", "/a", segment + "a", "a/b/c/d/e/f/g/h/i.csv",
      "a b.csv", "a/../b.csv", "manifest.xml"};
  for (const std::string& name : bad) {
    m.files[0].fileName = name;
    EXPECT_THROW(validateManifest(m), Error) << name;
  }
}

TEST(PackageId, NeverLooksLikeAnIdentifierToTheLogMask) {
  // A random part with nine or more digits in a row would be masked in every log line.
  for (int i = 0; i < 2000; ++i) {
    std::string id = newPackageId();
    int run = 0;
    for (char c : id.substr(17)) {
      run = (c >= '0' && c <= '9') ? run + 1 : 0;
      ASSERT_LT(run, 9) << id;
    }
  }
}

// The C library's reading of an ISO 8601 UTC time: strptime and timegm. Windows has neither,
// and its _mkgmtime stops at the year 3000: std::get_time and std::chrono's civil days there.
std::optional<std::time_t> libcUtc(const char* text) {
  std::tm tm{};
#ifdef _WIN32
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail()) return std::nullopt;
  using namespace std::chrono;
  const sys_days day{year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
                     static_cast<unsigned>(tm.tm_mday)};
  return day.time_since_epoch().count() * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
#else
  if (strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return std::nullopt;
  return timegm(&tm);
#endif
}

TEST(PackageId, FormatAndUniqueness) {
  std::string a = newPackageId(1717243200);
  std::string b = newPackageId(1717243200);
  EXPECT_EQ(a.substr(0, 17), "20240601T120000Z-");
  EXPECT_TRUE(isValidPackageId(a));
  EXPECT_NE(a, b);
  EXPECT_FALSE(isValidPackageId("20240601T120000Z-0123456789ABCDEF"));
  EXPECT_EQ(isoUtc(1717243200), "2024-06-01T12:00:00Z");
  EXPECT_EQ(parseIsoUtc("2024-06-01T12:00:00Z"), 1717243200);
  EXPECT_THROW(parseIsoUtc("2024-06-01 12:00:00"), Error);
  EXPECT_THROW(parseIsoUtc("2024-02-30T12:00:00Z"), Error);
  EXPECT_THROW(parseIsoUtc("2024-06-01T24:00:00Z"), Error);
  EXPECT_THROW(parseIsoUtc(std::string(100000, '1')), Error);
  // Beyond the system clock's nanoseconds (2262): found by the receipt fuzz target.
  for (const char* text :
       {"2262-04-12T00:00:00Z", "4052-12-02T05:00:00Z", "9999-12-31T23:59:59Z"}) {
    const auto expected = libcUtc(text);
    ASSERT_TRUE(expected) << text;
    EXPECT_EQ(parseIsoUtc(text), *expected) << text;
  }
  EXPECT_FALSE(isValidPackageId(std::string(100000, '1')));
  EXPECT_FALSE(isValidPackageId("20240601T120000Z-0123456789abcdeg"));
}

}  // namespace
}  // namespace brobyg::package
