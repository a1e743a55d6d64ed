#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "E2eSupport.h"
#include "Installation.h"
#include "state/StateStore.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;
using namespace Poco::Data::Keywords;

namespace {

// What someone who can write brobyg.db but lacks the signing key can do: change entry 1 and
// recompute every hash after it in plain SQL, so that the chain reads as intact.
void rewriteRegister(const fs::path& db) {
  std::vector<brobyg::state::DisclosureEntry> entries;
  { entries = brobyg::state::StateStore(db.string()).disclosures(); }
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", db.string());
  std::string previous(64, '0');
  for (auto& e : entries) {
    if (e.seq == 1) e.destination = "somewhere-else";
    e.previousHash = previous;
    e.hash = brobyg::state::StateStore::disclosureHash(e);
    session << "UPDATE disclosures SET destination = ?, previous_hash = ?, hash = ? WHERE seq = ?",
        use(e.destination), use(e.previousHash), use(e.hash), use(e.seq), now;
    previous = e.hash;
  }
}

}  // namespace

TEST(Register, AWitnessFromAPackageCatchesARewrittenChainAndTheExportListsEveryDisclosure) {
  Installation inst("register");
  ASSERT_EQ(run(inst.brobyg("run --job=skolefravaer --once")).exitCode, 0);
  mustRun(kSynth + " absence --seed 8 --pupils " + quote(inst.pupils) +
          " --rows 200 --bad-rows 0 --layout danish-vendor --out " +
          quote(inst.dir / "export/fravaer_2026-11-25.csv"));
  fs::remove(inst.dir / "export/fravaer_2026-11-25.csv.bad");
  ASSERT_EQ(run(inst.brobyg("run --job=skolefravaer --once")).exitCode, 0);
  std::vector<fs::path> dropped = inst.dropped();
  ASSERT_EQ(dropped.size(), 2u);

  // The evaluator opens the second package: it was made when the register had one entry.
  const std::string evaluator = " --cert=" + quote(inst.dir / "keys/vive.crt") +
                                " --key=" + quote(inst.dir / "keys/vive.key");
  fs::path second;
  for (const fs::path& package : dropped) {
    const fs::path out = inst.dir / ("opened-" + package.stem().string());
    Result r = run(kBrobyg + " open --package=" + quote(package) + evaluator + " --trust=0101=" +
                   quote(inst.dir / "keys/municipality.crt") + " --out=" + quote(out));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    if (r.out.find("disclosure register head at packing: entry 1,") != std::string::npos) {
      second = package;
    }
  }
  ASSERT_FALSE(second.empty()) << "no package carries the head of a one-entry register";
  const fs::path manifest = inst.dir / ("opened-" + second.stem().string()) / "manifest.xml";

  Result holds = run(inst.brobyg("audit witness " + quote(manifest)));
  EXPECT_EQ(holds.exitCode, 0) << holds.out;
  EXPECT_NE(holds.out.find("witness holds: register entry 1 has hash"), std::string::npos)
      << holds.out;
  Result fromPackage = run(inst.brobyg("audit witness " + quote(second) + evaluator));
  EXPECT_EQ(fromPackage.exitCode, 0) << fromPackage.out;

  // The file a data protection officer asks for.
  const fs::path csv = inst.dir / "register.csv";
  Result exported = run(inst.brobyg("audit export --format=csv --output=" + quote(csv)));
  ASSERT_EQ(exported.exitCode, 0) << exported.out;
  const auto rows = readCsv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "seq");
  EXPECT_EQ(rows[0][11], "agreement");
  EXPECT_EQ(rows[1][11], "DEMO-VIVE-2026-01");
  EXPECT_EQ(rows[2][1], "package");
  EXPECT_NE(rows[2][9].find("absence_event.csv:200"), std::string::npos) << rows[2][9];
  EXPECT_EQ(rows[2][17], "signed, verified");
  Result json = run(inst.brobyg("audit export --format=json"));
  EXPECT_EQ(json.exitCode, 0) << json.out;
  EXPECT_NE(json.out.find("\"intact\": true"), std::string::npos) << json.out;
  EXPECT_EQ(run(inst.brobyg("audit export --format=xml")).exitCode, 2);

  // Rewritten without the key: the signatures and the witness both tell.
  rewriteRegister(inst.dir / "state/brobyg.db");
  Result verify = run(inst.brobyg("audit verify"));
  EXPECT_EQ(verify.exitCode, 1) << verify.out;
  EXPECT_NE(verify.out.find("entry 1 has a signature that does not match"), std::string::npos)
      << verify.out;
  Result caught = run(inst.brobyg("audit witness " + quote(manifest)));
  EXPECT_EQ(caught.exitCode, 1) << caught.out;
  EXPECT_NE(caught.out.find("the register was rewritten after the package was made"),
            std::string::npos)
      << caught.out;
  fs::remove_all(inst.dir);
}
