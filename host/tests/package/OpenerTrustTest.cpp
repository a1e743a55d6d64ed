// Issue 14, items 5 and 6 at the opener: the signer must be pinned for the manifest's
// producer; a truncated package, one over the unpacked cap and one swapped on disk after it
// was opened never leave anything behind.
#include <gtest/gtest.h>

#include <filesystem>

#include "TestSupport.h"
#include "package/InputFile.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"

namespace brobyg::package {
namespace {
using test::Pki;
using test::TempDir;
namespace fs = std::filesystem;

const char* const kSignerSubject = "CN=brobyg signer,O=Testkommune,C=DK";

class OpenerTrustTest : public ::testing::Test {
 protected:
  // A package from `producer`, signed by the test certificate `signer`, for the "ec" recipient.
  std::string build(const std::string& producer, const std::string& signer,
                    const std::string& name) {
    std::uint64_t rows = 0;
    test::writeSampleCsv(dir_.file("data.csv"), 64 * 1024, &rows);
    PackageBuildRequest r;
    Manifest& m = r.manifest;
    m.packageId = newPackageId();
    m.created = "2026-01-01T12:00:00Z";
    m.softwareVersion = "0.1.0";
    m.producerMunicipalityCode = producer;
    m.producerName = "Kommune " + producer;
    m.recipientProjectId = "vive-absence";
    m.agreementId = "DPA-2026-1";
    m.agreementExpires = "2030-12-31";
    m.keyId = "0123456789abcdef";
    r.datasets.push_back({dir_.file("data.csv"), "absence_event.csv", "absence_event", "1", "csv",
                          rows, std::nullopt});
    r.signerCertPath = pki_.crt(signer);
    r.signerKeyPath = pki_.key(signer);
    r.recipientCertPaths = {pki_.crt("ec")};
    r.workDir = dir_.file("build-work");
    r.outputPath = dir_.file(name);
    PackageBuilder(r).build();
    unpacked_ = test::fileSize(dir_.file("data.csv"));
    return r.outputPath;
  }

  PackageOpenRequest request(const std::string& package, const trust::SenderPins& pins) {
    PackageOpenRequest o;
    o.packagePath = package;
    o.recipientCertPath = pki_.crt("ec");
    o.recipientKeyPath = pki_.key("ec");
    o.senders = &pins;
    o.workDir = dir_.file("open-work");
    o.outputDir = dir_.file("opened");
    return o;
  }

  std::string openError(const PackageOpenRequest& o) {
    try {
      openPackage(o);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  // Nothing of a refused open may remain: no output, no staging folder, no temp file.
  void expectNothingLeft(const PackageOpenRequest& o) {
    EXPECT_FALSE(fs::exists(o.outputDir));
    EXPECT_TRUE(!fs::exists(o.workDir) || fs::is_empty(o.workDir)) << "temp files left";
    for (const auto& e : fs::directory_iterator(dir_.path()))
      EXPECT_EQ(e.path().filename().string().find(".opened"), std::string::npos) << e.path();
  }

  std::string der(const std::string& name) const {
    return trust::readPemCertificate(pki_.crt(name));
  }

  const Pki& pki_ = Pki::get();
  TempDir dir_;
  std::uint64_t unpacked_ = 0;
};

// The poser holds a certificate from the same CA and claims to be municipality 101.
TEST_F(OpenerTrustTest, ASignerFromTheSameCaCannotPoseAsAnotherProducer) {
  const std::string posing = build("101", "poser", "posing.cms");
  trust::SenderPins pinnedCert;
  pinnedCert.pinCertificate("0101", der("signer"), "test");
  trust::SenderPins caAndSubject;
  caAndSubject.pinIssuer("101", der("ca"), kSignerSubject, "test");
  trust::SenderPins poserPinnedForItsOwnCode;
  poserPinnedForItsOwnCode.pinCertificate("101", der("signer"), "test");
  poserPinnedForItsOwnCode.pinCertificate("147", der("poser"), "test");
  for (const trust::SenderPins* pins : {&pinnedCert, &caAndSubject, &poserPinnedForItsOwnCode}) {
    PackageOpenRequest o = request(posing, *pins);
    std::string error = openError(o);
    EXPECT_NE(error.find("producer 101"), std::string::npos) << error;
    EXPECT_NE(error.find("O=Andenkommune"), std::string::npos) << error;
    EXPECT_NE(error.find(trust::fingerprint(der("poser"))), std::string::npos) << error;
    EXPECT_NE(error.find("not the certificate pinned"), std::string::npos) << error;
    expectNothingLeft(o);
  }
  // A producer nobody pinned.
  const std::string unknown = build("147", "signer", "unknown.cms");
  PackageOpenRequest o = request(unknown, pinnedCert);
  EXPECT_NE(openError(o).find("producer 147 is not a pinned sender"), std::string::npos)
      << openError(o);
  expectNothingLeft(o);
}

TEST_F(OpenerTrustTest, BothFormsOfPinAcceptTheRealProducer) {
  const std::string package = build("101", "signer", "real.cms");
  trust::SenderPins pinnedCert;
  pinnedCert.pinCertificate("101", der("poser"), "test");  // a second certificate: rollover
  pinnedCert.pinCertificate("101", der("signer"), "test");
  trust::SenderPins caAndSubject;
  caAndSubject.pinIssuer("0101", der("ca"), kSignerSubject, "test");
  for (const trust::SenderPins* pins : {&pinnedCert, &caAndSubject}) {
    PackageOpenRequest o = request(package, *pins);
    OpenedPackage opened = openPackage(o);
    EXPECT_EQ(opened.signerSubject, kSignerSubject);
    EXPECT_EQ(opened.signerFingerprint, trust::fingerprint(der("signer")));
    EXPECT_EQ(Sha256::hexOfFile(o.outputDir + "/absence_event.csv"),
              Sha256::hexOfFile(dir_.file("data.csv")));
    fs::remove_all(o.outputDir);
  }
}

// CA plus subject: the subject must be exact, and the chain must end at that CA.
TEST_F(OpenerTrustTest, AnIssuerPinNeedsThatCaAndTheExactSubject) {
  const std::string package = build("101", "signer", "real.cms");
  for (const auto& [ca, subject] : std::vector<std::pair<std::string, std::string>>{
           {"ca", "CN=brobyg signer,O=Testkommune"},
           {"ca", "cn=brobyg signer,o=testkommune,c=dk"},
           {"rsa", kSignerSubject}}) {
    trust::SenderPins pins;
    pins.pinIssuer("101", der(ca), subject, "test");
    PackageOpenRequest o = request(package, pins);
    EXPECT_NE(openError(o).find("producer 101"), std::string::npos) << ca << " " << subject;
    expectNothingLeft(o);
  }
}

TEST_F(OpenerTrustTest, ATruncatedPackageIsRefusedAndLeavesNothing) {
  const std::string package = build("101", "signer", "full.cms");
  const std::string bytes = readFile(package);
  trust::SenderPins pins;
  pins.pinCertificate("101", der("signer"), "test");
  for (std::size_t keep : {std::size_t{0}, std::size_t{1}, std::size_t{100}, bytes.size() / 2,
                           bytes.size() - 20, bytes.size() - 1}) {
    const std::string cut = dir_.file("cut.cms");
    writeFileAtomically(cut, bytes.substr(0, keep));
    PackageOpenRequest o = request(cut, pins);
    EXPECT_NE(openError(o), "") << "accepted a package cut to " << keep << " bytes";
    expectNothingLeft(o);
  }
}

TEST_F(OpenerTrustTest, APackageOverTheUnpackedCapIsRefusedBeforeExtracting) {
  const std::string package = build("101", "signer", "big.cms");
  trust::SenderPins pins;
  pins.pinCertificate("101", der("signer"), "test");
  PackageOpenRequest o = request(package, pins);
  o.maxUnpackedBytes = unpacked_;  // the data file alone; the manifest does not fit any more
  EXPECT_NE(openError(o).find("unpack to more than the limit of " + std::to_string(unpacked_)),
            std::string::npos)
      << openError(o);
  expectNothingLeft(o);
  o.maxUnpackedBytes = unpacked_ + 64 * 1024;
  EXPECT_EQ(openError(o), "");
}

// The package is read through the file the opener opened: one renamed over it afterwards
// (by whoever can write the folder) is never what gets checked or unpacked.
// POSIX only: Windows refuses a rename over a file brobyg holds open (InputFile's fopen does not
// share deletion), so the swap cannot happen there.
#ifndef _WIN32
TEST_F(OpenerTrustTest, APackageSwappedAfterItWasOpenedCannotPass) {
  const std::string real = build("101", "signer", "incoming.cms");
  const std::string realCsv = Sha256::hexOfFile(dir_.file("data.csv"));
  const std::string posing = build("101", "poser", "posing.cms");
  trust::SenderPins pins;
  pins.pinCertificate("101", der("signer"), "test");

  {  // the real package was opened, then the poser's lands under its name
    InputFile in(real);
    fs::copy_file(real, dir_.file("real.keep"));
    fs::rename(posing, real);
    PackageOpenRequest o = request(real, pins);
    OpenedPackage opened = openPackage(o, in);
    EXPECT_EQ(opened.signerFingerprint, trust::fingerprint(der("signer")));
    EXPECT_EQ(Sha256::hexOfFile(o.outputDir + "/absence_event.csv"), realCsv);
    fs::remove_all(o.outputDir);
  }
  {  // the poser's package was opened, then the real one is put back under its name
    InputFile in(real);
    fs::rename(dir_.file("real.keep"), real);
    PackageOpenRequest o = request(real, pins);
    EXPECT_EQ(openError(o), "") << "sanity: the real package opens by name";
    fs::remove_all(o.outputDir);
    try {
      openPackage(o, in);
      FAIL() << "the poser's package passed";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("O=Andenkommune"), std::string::npos) << e.what();
    }
    expectNothingLeft(o);
  }
}
#endif

TEST_F(OpenerTrustTest, NoPinsNoOpen) {
  const std::string package = build("101", "signer", "p.cms");
  trust::SenderPins none;
  PackageOpenRequest o = request(package, none);
  EXPECT_NE(openError(o).find("no senders pinned"), std::string::npos) << openError(o);
  o.senders = nullptr;
  EXPECT_NE(openError(o).find("no senders pinned"), std::string::npos) << openError(o);
  expectNothingLeft(o);
}

}  // namespace
}  // namespace brobyg::package
