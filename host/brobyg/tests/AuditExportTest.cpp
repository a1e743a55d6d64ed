#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "AuditExport.h"

namespace brobyg::cli {
namespace {

state::DisclosureEntry entry(long seq, const std::string& disclosure) {
  state::DisclosureEntry e;
  e.seq = seq;
  e.packageId = "p" + std::to_string(seq);
  e.job = "job";
  e.destination = "drop";
  e.disclosure = disclosure;
  e.deliveredAt = "2026-12-01T00:00:00Z";
  e.hash = std::string(64, 'a');
  e.signer = std::string(64, 'b');
  e.signature = "30";
  return e;
}

TEST(AuditExport, TheDisclosureLineIsTakenApartAtItsKeysNotAtEverySpace) {
  auto fields = disclosureFields(
      "project=vive key_id=0123456789abcdef agreement=DPA 2024/17 expires=2027-12-31"
      " recipients=vive:sha256:ab files=a.csv:10,a.xml:10 period=2025-08-11..2026-06-30");
  EXPECT_EQ(fields["project"], "vive");
  EXPECT_EQ(fields["agreement"], "DPA 2024/17");
  EXPECT_EQ(fields["expires"], "2027-12-31");
  EXPECT_EQ(fields["files"], "a.csv:10,a.xml:10");
  EXPECT_EQ(fields["period"], "2025-08-11..2026-06-30");
  EXPECT_TRUE(disclosureFields("").empty());
  // A key that only ends another word is no key.
  EXPECT_EQ(disclosureFields("agreement=no-project=x")["agreement"], "no-project=x");
}

TEST(AuditExport, CsvThroughTheDatasetEncoderWithFormulaCellsDefused) {
  std::vector<state::DisclosureEntry> entries = {
      entry(1, "project=vive agreement==HYPERLINK(\"x\"),1 files=a.csv:3")};
  state::AuditResult audit;
  audit.entries = 1;
  const std::string csv = registerCsv(entries, audit);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "seq,kind,when,package_id,job,project,destination,recipients,to,files,period,"
            "agreement,expires,key_id,receipt,hash,signer,signature_state");
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"x\"\"),1\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"signed, verified\"\r\n"), std::string::npos) << csv;
}

TEST(AuditExport, TheBrokenEntryAndThoseAfterItAreMarked) {
  std::vector<state::DisclosureEntry> entries = {entry(1, "project=a"), entry(2, "project=b"),
                                                 entry(3, "project=c")};
  entries[0].signature.clear();
  entries[0].signer.clear();
  state::AuditResult audit;
  audit.entries = 3;
  audit.firstBroken = 2;
  audit.problem = "entry 2 was changed after it was written";
  const std::string json = registerJson(entries, audit);
  EXPECT_NE(json.find("\"intact\": false"), std::string::npos) << json;
  EXPECT_NE(json.find("unsigned (written before signing)"), std::string::npos) << json;
  EXPECT_NE(json.find("BROKEN: entry 2 was changed after it was written"), std::string::npos);
  EXPECT_NE(json.find("after a broken entry"), std::string::npos) << json;
  EXPECT_LT(json.find("\"seq\""), json.find("\"kind\"")) << "columns in the CSV's order";
}

}  // namespace
}  // namespace brobyg::cli
