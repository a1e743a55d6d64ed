// The inbox with the real package check: packages built by PackageBuilder, signed by the
// test Pki's signer (pinned for 101) or poser (same CA, not pinned).
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "TestSupport.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "receipt/Receipt.h"
#include "receiver/Inbox.h"
#include "receiver/PackageVerifier.h"
#include "trust/Certificate.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"

namespace brobyg::receiver {
namespace {
using package::test::Pki;
using package::test::TempDir;
namespace fs = std::filesystem;

class InboxTest : public ::testing::Test {
 protected:
  InboxTest() {
    pins_.pinCertificate("101", trust::readPemCertificate(pki_.crt("signer")), "test");
    verifier_ = std::make_unique<PackageVerifier>(pki_.crt("ec"), pki_.key("ec"), pins_,
                                                  dir_.file("inbox/.work"), 1ull << 30);
    inbox_ = std::make_unique<Inbox>(
        dir_.file("inbox"), ReceiptSigner{"evaluator", pki_.crt("rsa"), pki_.key("rsa")},
        [this](const std::string& path, const std::string& id) { verifier_->check(path, id); });
  }

  // A package from producer 101 signed by `signer`; `id` empty: a new one.
  std::string build(const std::string& signer, const std::string& name, std::string id = "") {
    std::uint64_t rows = 0;
    package::test::writeSampleCsv(dir_.file("data.csv"), 16 * 1024, &rows);
    package::PackageBuildRequest r;
    package::Manifest& m = r.manifest;
    m.packageId = id.empty() ? package::newPackageId() : id;
    m.created = "2026-01-01T12:00:00Z";
    m.softwareVersion = "0.1.0";
    m.producerMunicipalityCode = "101";
    m.producerName = "Kommune 101";
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
    return package::PackageBuilder(r).build().packageId;
  }

  StoreResult upload(const std::string& file, const std::string& id) {
    std::unique_ptr<Upload> u = inbox_->begin();
    const std::string bytes = readFile(dir_.file(file));
    u->write(bytes.data(), bytes.size());
    return inbox_->store(id, *u);
  }

  std::size_t filesIn(const std::string& sub) const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_.file("inbox/" + sub))) {
      (void)e;
      ++n;
    }
    return n;
  }

  const Pki& pki_ = Pki::get();
  TempDir dir_;
  trust::SenderPins pins_;
  std::unique_ptr<PackageVerifier> verifier_;
  std::unique_ptr<Inbox> inbox_;
};

TEST_F(InboxTest, StoresANewPackageAndSignsAReceiptForItsBytes) {
  const std::string id = build("signer", "p.cms");
  const StoreResult r = upload("p.cms", id);
  ASSERT_EQ(r.outcome, StoreOutcome::Stored) << r.reason;
  EXPECT_EQ(readFile(inbox_->packagePath(id)), readFile(dir_.file("p.cms")));
  EXPECT_EQ(readFile(inbox_->receiptPath(id)), r.receiptPem);
  const receipt::Receipt receipt = receipt::verify(r.receiptPem, pki_.crt("rsa"));
  EXPECT_EQ(receipt.packageId, id);
  EXPECT_EQ(receipt.sha256, Sha256::hexOfFile(dir_.file("p.cms")));
  EXPECT_EQ(receipt.bytes, fs::file_size(dir_.file("p.cms")));
  EXPECT_EQ(receipt.receiverId, "evaluator");
  EXPECT_EQ(filesIn(".incoming"), 0u);
  EXPECT_EQ(filesIn(".work"), 0u) << "the unpacked copy is removed";
}

TEST_F(InboxTest, ARepeatGetsTheStoredReceiptByteForByteAndOtherBytesAConflict) {
  const std::string id = build("signer", "p.cms");
  const StoreResult first = upload("p.cms", id);
  ASSERT_EQ(first.outcome, StoreOutcome::Stored) << first.reason;
  const StoreResult again = upload("p.cms", id);
  EXPECT_EQ(again.outcome, StoreOutcome::Repeated);
  EXPECT_EQ(again.receiptPem, first.receiptPem);
  // Rebuilt under the same id: other bytes (new encryption), refused, the first one kept.
  build("signer", "q.cms", id);
  const StoreResult other = upload("q.cms", id);
  EXPECT_EQ(other.outcome, StoreOutcome::Conflict);
  EXPECT_NE(other.reason.find(id), std::string::npos);
  EXPECT_EQ(readFile(inbox_->packagePath(id)), readFile(dir_.file("p.cms")));
  EXPECT_EQ(filesIn(".incoming"), 0u);
}

TEST_F(InboxTest, APoserFromTheSameCaIsRefusedAndNothingIsStored) {
  const std::string id = build("poser", "p.cms");
  const StoreResult r = upload("p.cms", id);
  EXPECT_EQ(r.outcome, StoreOutcome::Refused);
  const std::string poser = trust::fingerprint(trust::readPemCertificate(pki_.crt("poser")));
  EXPECT_NE(r.reason.find(poser), std::string::npos) << r.reason;
  EXPECT_FALSE(fs::exists(inbox_->packagePath(id)));
  EXPECT_FALSE(fs::exists(inbox_->receiptPath(id)));
  EXPECT_EQ(filesIn(".incoming"), 0u);
  EXPECT_EQ(filesIn(".work"), 0u);
}

TEST_F(InboxTest, APackageUnderAnotherIdThanItsManifestsIsRefused) {
  build("signer", "p.cms");
  const std::string url = package::newPackageId();
  const StoreResult r = upload("p.cms", url);
  EXPECT_EQ(r.outcome, StoreOutcome::Refused);
  EXPECT_NE(r.reason.find("manifest names another package id"), std::string::npos) << r.reason;
  EXPECT_FALSE(fs::exists(inbox_->packagePath(url)));
}

TEST_F(InboxTest, AfterACrashBeforeTheReceiptARepeatMakesIt) {
  const std::string id = build("signer", "p.cms");
  ASSERT_EQ(upload("p.cms", id).outcome, StoreOutcome::Stored);
  fs::remove(inbox_->receiptPath(id));  // as a crash right after the package's rename leaves it
  // Stored an hour ago: the receipt made now says when it was stored.
  fs::last_write_time(inbox_->packagePath(id),
                      fs::last_write_time(inbox_->packagePath(id)) - std::chrono::hours(1));
  // A restart removes partial uploads but keeps stored packages.
  writeFileAtomically(dir_.file("inbox/.incoming/upload.partial.part"), "half");
  inbox_.reset();
  inbox_ = std::make_unique<Inbox>(
      dir_.file("inbox"), ReceiptSigner{"evaluator", pki_.crt("rsa"), pki_.key("rsa")},
      [this](const std::string& path, const std::string& i) { verifier_->check(path, i); });
  EXPECT_EQ(filesIn(".incoming"), 0u);
  const StoreResult again = upload("p.cms", id);
  ASSERT_EQ(again.outcome, StoreOutcome::Repeated);
  EXPECT_EQ(readFile(inbox_->receiptPath(id)), again.receiptPem);
  const receipt::Receipt made = receipt::verify(again.receiptPem, pki_.crt("rsa"));
  EXPECT_EQ(made.sha256, Sha256::hexOfFile(dir_.file("p.cms")));
  const std::time_t storedAt = package::parseIsoUtc(made.receivedAt);
  EXPECT_NEAR(static_cast<double>(std::time(nullptr) - storedAt), 3600.0, 120.0) << made.receivedAt;
}

TEST_F(InboxTest, TwoConcurrentUploadsOfOneIdStoreItOnce) {
  const std::string id = build("signer", "p.cms");
  StoreResult a, b;
  std::thread one([&] { a = upload("p.cms", id); });
  std::thread two([&] { b = upload("p.cms", id); });
  one.join();
  two.join();
  EXPECT_EQ((a.outcome == StoreOutcome::Stored) + (b.outcome == StoreOutcome::Stored), 1);
  EXPECT_EQ((a.outcome == StoreOutcome::Repeated) + (b.outcome == StoreOutcome::Repeated), 1);
  EXPECT_EQ(a.receiptPem, b.receiptPem);
  EXPECT_EQ(filesIn(".incoming"), 0u);
}

// A client that goes away mid-upload: its part file goes at once, not at the next start (on
// Windows the file was still open when it was removed, and stayed).
TEST_F(InboxTest, AnUploadCutOffMidwayLeavesNothingBehind) {
  {
    std::unique_ptr<Upload> cut = inbox_->begin();
    cut->write("the first bytes", 15);
    EXPECT_EQ(filesIn(".incoming"), 1u);
  }
  EXPECT_EQ(filesIn(".incoming"), 0u);
}

TEST_F(InboxTest, OneInboxFolderServesOneReceiver) {
  const ReceiptSigner signer{"evaluator", pki_.crt("rsa"), pki_.key("rsa")};
  auto accept = [](const std::string&, const std::string&) {};
  EXPECT_THROW(Inbox(dir_.file("inbox"), signer, accept), Error);
}

}  // namespace
}  // namespace brobyg::receiver
