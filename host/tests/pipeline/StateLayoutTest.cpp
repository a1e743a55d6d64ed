#include <gtest/gtest.h>

#include "config/Config.h"
#include "pipeline/StateLayout.h"
#include "pipeline/SummaryLine.h"
#include "util/Error.h"

using brobyg::pipeline::StateLayout;
namespace fs = std::filesystem;

TEST(StateLayout, EveryPathOfTheStateFolderComesFromOnePlace) {
  brobyg::config::Config config;
  config.service.stateDirectory = "/srv/brobyg/state";
  StateLayout layout(config);
  EXPECT_EQ(layout.database(), fs::path("/srv/brobyg/state/brobyg.db"));
  EXPECT_EQ(layout.jobLock("skolefravaer"), fs::path("/srv/brobyg/state/locks/skolefravaer.lock"));
  EXPECT_EQ(layout.outboxLock(), fs::path("/srv/brobyg/state/locks/outbox.lock"));
  EXPECT_EQ(layout.jobWork("skolefravaer"), fs::path("/srv/brobyg/state/work/skolefravaer"));
  EXPECT_EQ(layout.runWork("skolefravaer", "20261201T101010Z-0123456789abcdef"),
            fs::path("/srv/brobyg/state/work/skolefravaer/20261201T101010Z-0123456789abcdef"));
  EXPECT_EQ(layout.outboxPackage("20261201T101010Z-0123456789abcdef"),
            fs::path("/srv/brobyg/state/outbox/20261201T101010Z-0123456789abcdef.cms"));
  EXPECT_EQ(layout.quarantine(), fs::path("/srv/brobyg/state/quarantine"));
  EXPECT_EQ(layout.pluginWork("source", "skole"),
            fs::path("/srv/brobyg/state/plugins/source-skole"));
  EXPECT_EQ(layout.digests(), fs::path("/srv/brobyg/state/digests"));
}

// Issue 10 #4: every run removes work/<job>; job ".." made that the whole state folder.
TEST(StateLayout, IdsThatWouldLeaveTheirFolderAreRefused) {
  StateLayout layout(fs::path("/srv/brobyg/state"));
  for (const char* id : {"..", ".", "", "a/b", "../x", "/etc", ".hidden", "a\\b", "-a"}) {
    EXPECT_THROW(layout.jobWork(id), brobyg::Error) << id;
    EXPECT_THROW(layout.jobLock(id), brobyg::Error) << id;
    EXPECT_THROW(layout.runWork("job", id), brobyg::Error) << id;
    EXPECT_THROW(layout.outboxPackage(id), brobyg::Error) << id;
    EXPECT_THROW(layout.pluginWork("source", id), brobyg::Error) << id;
  }
  try {
    layout.jobWork("..");
  } catch (const brobyg::Error& e) {
    EXPECT_NE(std::string(e.what()).find("job '..'"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(layout.jobWork("a-b.c_d"));
}

TEST(StateLayout, AStateFolderMustBeConfigured) {
  EXPECT_THROW(StateLayout{fs::path()}, brobyg::Error);
}

TEST(SummaryLine, CountsEveryOutcomeAndTheRulesCounts) {
  brobyg::pipeline::RunResult result;
  result.summary.status = "ok";
  result.summary.rowsRead = 10;
  result.summary.rowsRejected = 2;
  result.summary.rowsWritten = 7;
  result.summary.rowsDuplicate = 1;
  result.counts = {{"legal_basis_unrecognised", 3}};
  result.summary.packageId = "20261201T101010Z-0123456789abcdef";
  result.delivery = brobyg::state::OutboxState::Delivered;
  EXPECT_EQ(brobyg::pipeline::summaryLine("sager", result),
            "job=sager status=ok read=10 rejected=2 written=7 duplicates=1 "
            "legal_basis_unrecognised=3 package=20261201T101010Z-0123456789abcdef "
            "delivery=delivered");
}
