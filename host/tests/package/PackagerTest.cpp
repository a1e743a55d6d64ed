#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "TestSupport.h"
#include "package/Cms.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"

namespace brobyg::package {
namespace {
using test::Pki;
using test::TempDir;
namespace fs = std::filesystem;

class PackagerTest : public ::testing::Test {
 protected:
  PackageBuildRequest request(std::uint64_t csvBytes = 512 * 1024) {
    std::uint64_t rows = 0;
    test::writeSampleCsv(dir_.file("absence_event.csv"), csvBytes, &rows);
    test::writeText(dir_.file("absence_event.xml"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<absenceEvents "
                    "xmlns=\"urn:brobyg:dataset:absence_event:1\"><event><p>a</p></event>"
                    "<event><p>b</p></event></absenceEvents>\n");
    PackageBuildRequest r;
    Manifest& m = r.manifest;
    m.packageId = newPackageId();
    m.created = "2024-06-01T12:00:00Z";
    m.softwareVersion = "0.1.0";
    m.producerMunicipalityCode = "101";
    m.producerName = "Testkommune";
    m.recipientProjectId = "vive-absence";
    m.agreementId = "DPA-2024-17";
    m.agreementExpires = "2030-12-31";
    m.periodFrom = "2024-01-01";
    m.keyId = "0123456789abcdef";
    r.datasets.push_back({dir_.file("absence_event.csv"), "absence_event.csv", "absence_event", "1",
                          "csv", rows, std::nullopt});
    r.datasets.push_back({dir_.file("absence_event.xml"), "xml/absence_event.xml", "absence_event",
                          "1", "xml", 2, std::nullopt});
    r.codebook = {{"codebook.xml", "<codebook><code value=\"sick\">Sygefravær</code></codebook>\n"},
                  {"codebook.csv", "section,code\r\ncode,sick\r\n"},
                  {"codebook.html", "<html><body>Sygefravær</body></html>\n"}};
    r.compressionLevel = 6;
    r.signerCertPath = pki_.crt("signer");
    r.signerKeyPath = pki_.key("signer");
    r.recipientCertPaths = {pki_.crt("rsa"), pki_.crt("ec")};
    r.workDir = dir_.file("work");
    r.outputPath = dir_.file(m.packageId + ".brobyg");
    return r;
  }

  PackageOpenRequest openRequest(const std::string& package, const std::string& who) {
    PackageOpenRequest o;
    o.packagePath = package;
    o.recipientCertPath = pki_.crt(who);
    o.recipientKeyPath = pki_.key(who);
    o.senders = &pins_;
    o.workDir = dir_.file("open-work");
    o.outputDir = dir_.file("opened-" + who);
    return o;
  }

  bool folderEmpty(const std::string& path) {
    return !fs::exists(path) || fs::directory_iterator(path) == fs::directory_iterator();
  }

  const Pki& pki_ = Pki::get();
  TempDir dir_;
  // The producer of request(), 101, signs with the "signer" certificate from the test CA.
  trust::SenderPins pins_ = [this] {
    trust::SenderPins pins;
    pins.pinIssuer("101", trust::readPemCertificate(pki_.crt("ca")),
                   "CN=brobyg signer,O=Testkommune,C=DK", "test");
    return pins;
  }();
};

TEST_F(PackagerTest, BuildThenOpenForEachRecipient) {
  PackageBuildRequest r = request();
  PackageBuildResult built = PackageBuilder(r).build();
  EXPECT_EQ(built.packageId, r.manifest.packageId);
  EXPECT_EQ(built.path, r.outputPath);
  EXPECT_EQ(built.bytes, test::fileSize(r.outputPath));
  EXPECT_EQ(built.sha256, Sha256::hexOfFile(r.outputPath));
  ASSERT_EQ(built.manifest.files.size(), 2u);
  EXPECT_EQ(built.manifest.files[0].sha256, Sha256::hexOfFile(dir_.file("absence_event.csv")));
  EXPECT_TRUE(folderEmpty(r.workDir)) << "intermediates left in the work folder";

  for (const std::string who : {"rsa", "ec"}) {
    PackageOpenRequest o = openRequest(r.outputPath, who);
    OpenedPackage opened = openPackage(o);
    EXPECT_EQ(opened.manifest.packageId, r.manifest.packageId);
    EXPECT_NE(opened.signerSubject.find("brobyg signer"), std::string::npos);
    EXPECT_EQ(Sha256::hexOfFile(o.outputDir + "/absence_event.csv"),
              Sha256::hexOfFile(dir_.file("absence_event.csv")));
    EXPECT_EQ(Sha256::hexOfFile(o.outputDir + "/xml/absence_event.xml"),
              Sha256::hexOfFile(dir_.file("absence_event.xml")));
    EXPECT_TRUE(test::exists(o.outputDir + "/codebook.xml"));
    EXPECT_TRUE(test::exists(o.outputDir + "/codebook.csv"));
    EXPECT_TRUE(test::exists(o.outputDir + "/codebook.html"));
    EXPECT_EQ(opened.manifest.codebooks.size(), 3u);
    EXPECT_TRUE(test::exists(o.outputDir + "/manifest.xml"));
    EXPECT_TRUE(folderEmpty(o.workDir));
  }
}

// Runs the openssl CLI, unzip and xmllint, Linux programs here.
#ifndef _WIN32
TEST_F(PackagerTest, StockOpensslOpensThePackageAndTheManifestValidates) {
  PackageBuildRequest r = request();
  PackageBuilder(r).build();
  std::string zip = dir_.file("stock.zip");
  ASSERT_EQ(test::run("openssl cms -decrypt -binary -inform DER -in " + r.outputPath + " -recip " +
                      pki_.crt("ec") + " -inkey " + pki_.key("ec") +
                      " | openssl cms -verify -binary -inform DER -CAfile " + pki_.crt("ca") +
                      " -out " + zip + " 2>/dev/null"),
            0);
  EXPECT_EQ(test::run("unzip -tq " + zip + " >/dev/null"), 0);
  if (test::haveTool("xmllint")) {
    EXPECT_EQ(test::run("unzip -p " + zip + " manifest.xml | xmllint --noout --schema " +
                        BROBYG_SOURCE_DIR "/schemas/manifest.xsd - 2>/dev/null"),
              0);
  }
}
#endif

TEST_F(PackagerTest, RefusesToOverwriteAndChecksTheRequest) {
  PackageBuildRequest r = request();
  PackageBuilder(r).build();
  EXPECT_THROW(PackageBuilder(r).build(), Error);

  PackageBuildRequest bad = request();
  bad.outputPath = dir_.file("other.brobyg");
  bad.manifest.packageId = "not-an-id";
  EXPECT_THROW(PackageBuilder(bad).build(), Error);
  bad = request();
  bad.outputPath = dir_.file("other.brobyg");
  bad.datasets[0].entryName = "../escape.csv";
  EXPECT_THROW(PackageBuilder(bad).build(), Error);
  bad = request();
  bad.outputPath = dir_.file("other.brobyg");
  bad.signerKeyPath = pki_.key("rsa");  // does not match the signer certificate
  EXPECT_THROW(PackageBuilder(bad).build(), Error);
  EXPECT_FALSE(test::exists(bad.outputPath));
  EXPECT_TRUE(folderEmpty(bad.workDir));
}

TEST_F(PackagerTest, OpenFailuresLeaveNoOutputFolder) {
  PackageBuildRequest r = request();
  PackageBuilder(r).build();

  PackageOpenRequest wrongKey = openRequest(r.outputPath, "other");
  EXPECT_THROW(openPackage(wrongKey), Error);
  EXPECT_FALSE(test::exists(wrongKey.outputDir));

  PackageOpenRequest untrusted = openRequest(r.outputPath, "rsa");
  trust::SenderPins others;
  others.pinCertificate("101", trust::readPemCertificate(pki_.crt("ec")), "test");
  untrusted.senders = &others;
  EXPECT_THROW(openPackage(untrusted), Error);
  EXPECT_FALSE(test::exists(untrusted.outputDir));
  EXPECT_TRUE(folderEmpty(untrusted.workDir));

  std::string tampered = dir_.file("tampered.brobyg");
  fs::copy_file(r.outputPath, tampered);
  {
    std::fstream f(tampered, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(test::fileSize(tampered) / 2));
    f.put('\x5a');
  }
  PackageOpenRequest t = openRequest(tampered, "rsa");
  EXPECT_THROW(openPackage(t), Error);
  EXPECT_FALSE(test::exists(t.outputDir));
  EXPECT_TRUE(folderEmpty(t.workDir));
}

TEST_F(PackagerTest, RowCountThatDisagreesWithTheFileIsCaughtOnOpen) {
  PackageBuildRequest r = request();
  r.datasets[0].rows += 1;  // a producer that lies (or a writer bug)
  PackageBuilder(r).build();
  PackageOpenRequest o = openRequest(r.outputPath, "ec");
  try {
    openPackage(o);
    FAIL() << "row count mismatch not detected";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("rows"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(test::exists(o.outputDir));
  // No half-written staging folder beside the output either.
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().filename().string().find(".opened-ec"), std::string::npos);
}

TEST_F(PackagerTest, UnlistedEntryIsRefusedOnOpen) {
  // A signed ZIP with an entry the manifest does not announce.
  PackageBuildRequest r = request();
  Manifest m = r.manifest;
  std::string csv = dir_.file("absence_event.csv");
  std::string zipPath = dir_.file("hand.zip");
  {
    AtomicFile out(zipPath);
    ZipWriter zip(out, {0, false});
    ZipEntryDigest d = zip.addFile("absence_event.csv", csv, 1);
    m.files.push_back(
        {"absence_event.csv", "absence_event", "1", "csv", r.datasets[0].rows, d.sha256, d.size});
    zip.addBytes("extra.sh", "#!/bin/sh\n", 0);
    zip.addBytes(kManifestEntryName, toXml(m), 0);
    zip.finish();
    out.commit();
  }
  signFile(zipPath, dir_.file("hand.signed"), pki_.crt("signer"), pki_.key("signer"));
  envelopeFile(dir_.file("hand.signed"), dir_.file("hand.brobyg"), {pki_.crt("ec")});
  PackageOpenRequest o = openRequest(dir_.file("hand.brobyg"), "ec");
  EXPECT_THROW(openPackage(o), Error);
  EXPECT_FALSE(test::exists(o.outputDir));
}

std::string openError(const PackageOpenRequest& o) {
  try {
    openPackage(o);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Issue #16: OpenSSL's parser stops at the end of the CMS structure and ignored what followed.
TEST_F(PackagerTest, TrailingBytesAfterThePackageAreRefused) {
  PackageBuildRequest r = request(64 * 1024);
  PackageBuilder(r).build();
  const std::string original = readFile(r.outputPath);
  for (const std::string& tail : {std::string(1, '\0'), std::string("x"), original}) {
    const std::string padded = dir_.file("padded.brobyg");
    writeFileAtomically(padded, original + tail);
    PackageOpenRequest o = openRequest(padded, "ec");
    EXPECT_NE(openError(o).find("bytes after the end"), std::string::npos) << openError(o);
    EXPECT_FALSE(test::exists(o.outputDir));
    EXPECT_TRUE(folderEmpty(o.workDir));
  }
  EXPECT_EQ(openError(openRequest(r.outputPath, "ec")), "");
}

// The same for bytes appended inside the encryption: after the signed structure, or after the
// ZIP archive (then signed).
TEST_F(PackagerTest, TrailingBytesInsideThePackageAreRefused) {
  PackageBuildRequest r = request(64 * 1024);
  PackageBuilder(r).build();
  PackageOpenRequest o = openRequest(r.outputPath, "ec");
  const std::string signedPath = dir_.file("inner.signed");
  const std::string zipPath = dir_.file("inner.zip");
  decryptFile(r.outputPath, signedPath, o.recipientCertPath, o.recipientKeyPath);
  verifySignedFile(signedPath, zipPath, [](const trust::SignerCertificates&) {});

  writeFileAtomically(dir_.file("signed-padded"), readFile(signedPath) + "trailing");
  envelopeFile(dir_.file("signed-padded"), dir_.file("a.brobyg"), {pki_.crt("ec")});
  std::string error = openError(openRequest(dir_.file("a.brobyg"), "ec"));
  EXPECT_NE(error.find("bytes after the end of the CMS structure"), std::string::npos) << error;

  writeFileAtomically(dir_.file("zip-padded"), readFile(zipPath) + "trailing");
  signFile(dir_.file("zip-padded"), dir_.file("zip-padded.signed"), pki_.crt("signer"),
           pki_.key("signer"));
  envelopeFile(dir_.file("zip-padded.signed"), dir_.file("b.brobyg"), {pki_.crt("ec")});
  error = openError(openRequest(dir_.file("b.brobyg"), "ec"));
  EXPECT_NE(error.find("bytes after the end of the ZIP archive"), std::string::npos) << error;
}

double mbPerSecond(std::uint64_t bytes, std::chrono::steady_clock::duration d) {
  double seconds = std::chrono::duration<double>(d).count();
  return static_cast<double>(bytes) / 1e6 / seconds;
}

// Builds from a ~200 MB CSV: checks that memory does not follow the input size, and prints
// throughput of each stage (DESIGN §6 "Cost per byte").
TEST_F(PackagerTest, OneAndTwoWorkersMakeTheSameArchive) {
  const PackageBuildRequest r = request(3 * 1024 * 1024);  // many deflate blocks
  std::vector<std::string> archives;
  for (int workers : {1, 2}) {
    PackageBuildRequest w = r;
    w.workers = workers;
    w.outputPath = dir_.file("workers-" + std::to_string(workers) + ".cms");
    PackageBuilder(w).build();
    decryptFile(w.outputPath, dir_.file("dec"), pki_.crt("ec"), pki_.key("ec"));
    const std::string zip = dir_.file("workers-" + std::to_string(workers) + ".zip");
    verifySignedFile(dir_.file("dec"), zip, [](const trust::SignerCertificates&) {});
    fs::remove(dir_.file("dec"));
    archives.push_back(Sha256::hexOfFile(zip));
  }
  EXPECT_EQ(archives[0], archives[1]);
}

TEST_F(PackagerTest, LargeInputStreamsInBoundedMemory) {
  const std::uint64_t size = 200ull * 1000 * 1000;
  PackageBuildRequest r = request(size);
  const std::string csv = dir_.file("absence_event.csv");
  using Clock = std::chrono::steady_clock;

  for (int level : {1, 6}) {
    auto start = Clock::now();
    AtomicFile out(dir_.file("level.zip"));
    ZipWriter zip(out, {0, false});
    zip.addFile("a.csv", csv, level);
    zip.finish();
    out.commit();
    auto took = Clock::now() - start;
    std::printf("[ measure  ] zip level %d: %.0f MB/s (%.1f%% of input)\n", level,
                mbPerSecond(size, took),
                100.0 * static_cast<double>(test::fileSize(dir_.file("level.zip"))) /
                    static_cast<double>(size));
  }
  auto start = Clock::now();
  signFile(csv, dir_.file("big.signed"), pki_.crt("signer"), pki_.key("signer"));
  std::printf("[ measure  ] sign: %.0f MB/s\n", mbPerSecond(size, Clock::now() - start));
  start = Clock::now();
  envelopeFile(dir_.file("big.signed"), dir_.file("big.cms"), {pki_.crt("rsa"), pki_.crt("ec")});
  std::printf("[ measure  ] envelope: %.0f MB/s\n", mbPerSecond(size, Clock::now() - start));
  fs::remove(dir_.file("big.signed"));
  fs::remove(dir_.file("big.cms"));
  fs::remove(dir_.file("level.zip"));

  // Reset the peak-RSS mark (Linux: 5 > clear_refs) so that earlier tests do not hide growth.
  bool resetPeak = false;
  {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    resetPeak = static_cast<bool>(clear);
  }
  std::uint64_t before = test::peakRssKiB();
  start = Clock::now();
  r.workers = 2;  // the default of <output workers>: blocks in flight, the check beside
  PackageBuildResult built = PackageBuilder(r).build();
  auto took = Clock::now() - start;
  std::uint64_t growthKiB = test::peakRssKiB() - before;
  std::printf(
      "[ measure  ] build (zip 6 + re-read + sign + envelope): %.0f MB/s, peak RSS "
      "growth %llu KiB\n",
      mbPerSecond(size, took), static_cast<unsigned long long>(growthKiB));
  if (resetPeak) {
    EXPECT_LT(growthKiB, 64u * 1024u);
  }

  PackageOpenRequest o = openRequest(built.path, "ec");
  start = Clock::now();
  openPackage(o);
  std::printf(
      "[ measure  ] open (decrypt + verify + unzip + checks): %.0f MB/s, peak RSS %llu "
      "KiB (OpenSSL parses CMS in memory)\n",
      mbPerSecond(size, Clock::now() - start), static_cast<unsigned long long>(test::peakRssKiB()));
  EXPECT_EQ(Sha256::hexOfFile(o.outputDir + "/absence_event.csv"), built.manifest.files[0].sha256);
}

}  // namespace
}  // namespace brobyg::package
