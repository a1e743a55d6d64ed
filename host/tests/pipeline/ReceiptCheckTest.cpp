// The host's receipt check (issue 14 item 4): a receipt counts only when the pinned receiver
// certificate signed it for the stored package's id, SHA-256 and size; and the outbox sender
// applies it to a destination with receipt-certificate, before anything is recorded.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "TestSupport.h"
#include "config/Config.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/ReceiptCheck.h"
#include "pipeline/StateLayout.h"
#include "plugin/PluginRegistry.h"
#include "receipt/Receipt.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Sha256.h"

namespace brobyg::pipeline {
namespace {

using package::test::Pki;

state::OutboxEntry entry() {
  state::OutboxEntry e;
  e.packageId = "20261202T050000Z-0123456789abcdef";
  e.destination = "vive";
  e.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  e.size = 4;
  return e;
}

receipt::Receipt receiptFor(const state::OutboxEntry& e) {
  receipt::Receipt r;
  r.packageId = e.packageId;
  r.sha256 = e.sha256;
  r.bytes = e.size;
  r.receivedAt = "2026-12-02T05:00:00Z";
  r.receiverId = "vive-receiver";
  return r;
}

std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

std::string signedBy(const std::string& who, const receipt::Receipt& r) {
  return receipt::sign(r, Pki::get().crt(who), Pki::get().key(who));
}

TEST(ReceiptCheck, AcceptsTheReceiptThePinnedReceiverSignedForThePackage) {
  const receipt::Receipt r =
      checkReceipt(signedBy("signer", receiptFor(entry())), Pki::get().crt("signer"), entry());
  EXPECT_EQ(r.receiverId, "vive-receiver");
}

TEST(ReceiptCheck, RefusesAReceiptSignedByAnotherKey) {
  const std::string why = refusal([] {
    checkReceipt(signedBy("poser", receiptFor(entry())), Pki::get().crt("signer"), entry());
  });
  EXPECT_NE(why.find("receipt from destination 'vive' for package " + entry().packageId +
                     ": not accepted"),
            std::string::npos)
      << why;
}

TEST(ReceiptCheck, RefusesAReceiptForAnotherPackage) {
  receipt::Receipt other = receiptFor(entry());
  other.packageId = "20261202T050000Z-ffffffffffffffff";
  const std::string why =
      refusal([&] { checkReceipt(signedBy("signer", other), Pki::get().crt("signer"), entry()); });
  EXPECT_NE(why.find("it is for package 20261202T050000Z-ffffffffffffffff"), std::string::npos)
      << why;
}

TEST(ReceiptCheck, RefusesAReceiptForOtherBytes) {
  receipt::Receipt hash = receiptFor(entry());
  hash.sha256 = std::string(64, 'a');
  EXPECT_NE(refusal([&] {
              checkReceipt(signedBy("signer", hash), Pki::get().crt("signer"), entry());
            }).find("its SHA-256 " + hash.sha256 + " is not the stored package's"),
            std::string::npos);
  receipt::Receipt size = receiptFor(entry());
  size.bytes = 5;
  EXPECT_NE(refusal([&] {
              checkReceipt(signedBy("signer", size), Pki::get().crt("signer"), entry());
            }).find("its size 5 is not the stored package's 4"),
            std::string::npos);
}

TEST(ReceiptCheck, RefusesWhatIsNotASignedReceipt) {
  for (const std::string& text : {std::string(), std::string("folder:/drop/x.cms size=4"),
                                  receipt::toXml(receiptFor(entry()))})
    EXPECT_NE(refusal([&] { checkReceipt(text, Pki::get().crt("signer"), entry()); }), "accepted")
        << text;
}

// The sender: a destination with receipt-certificate whose plugin returns an unsigned
// receipt (the folder plugin's text) is not delivered: retried, nothing in the register. The
// same destination without the attribute is delivered as before.
class ReceiptPinnedSender : public ::testing::Test {
 protected:
  void SetUp() override {
    config.directory = dir.path();
    // Signs the register entry of a delivered package (issue 16).
    config.producer.signingCertificate = Pki::get().crt("signer");
    config.producer.signingKey = Pki::get().key("signer");
    config.service.stateDirectory = dir.file("state");
    createPrivateDirectory(config.service.stateDirectory);
    std::filesystem::create_directories(dir.file("drop"));
    config::InstanceConfig destination;
    destination.id = "vive";
    destination.plugin = "folder";
    destination.settings.push_back({"directory", dir.file("drop"), 1});
    config.destinations.push_back(destination);
  }

  state::OutboxState sendOne(const std::string& pinned, std::string* error) {
    config.destinations[0].receiptCertificate = pinned;
    const StateLayout layout(config);
    state::StateStore store(layout.database().string());
    const std::string file = dir.file("package.cms");
    package::test::writeText(file, "test");
    state::OutboxEntry e = entry();
    e.job = "job";
    e.file = file;
    e.fileName = "101-job-" + e.packageId + ".cms";
    e.sha256 = Sha256::hexOfFile(file, nullptr);
    const long run = store.beginRun("job");
    state::RunSummary summary;
    summary.status = "ok";
    summary.packageId = e.packageId;
    store.commitRun(run, summary, {}, e);
    OutboxSender sender(store, config, registry);
    const DeliveryResult result = sender.deliver(*store.outboxEntry(e.packageId));
    *error = result.error;
    disclosures = store.disclosures().size();
    return store.outboxEntry(e.packageId)->state;
  }

  package::test::TempDir dir;
  config::Config config;
  plugin::PluginRegistry registry{BROBYG_TEST_PLUGIN_DIR};
  std::size_t disclosures = 0;
};

TEST_F(ReceiptPinnedSender, AnUnverifiedReceiptIsNotADelivery) {
  std::string error;
  EXPECT_EQ(sendOne(Pki::get().crt("signer"), &error), state::OutboxState::RetryWaiting);
  EXPECT_NE(error.find("receipt from destination 'vive'"), std::string::npos) << error;
  EXPECT_EQ(disclosures, 0u);
}

TEST_F(ReceiptPinnedSender, WithoutAPinnedSignerTheReceiptIsKeptAsBefore) {
  std::string error;
  EXPECT_EQ(sendOne("", &error), state::OutboxState::Delivered) << error;
  EXPECT_EQ(disclosures, 1u);
}

}  // namespace
}  // namespace brobyg::pipeline
