#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "StageFixture.h"
#include "config/Config.h"
#include "pipeline/stages/Prepare.h"

using namespace brobyg;
namespace fs = std::filesystem;

namespace {

config::Config configWithJob(const std::string& expires) {
  config::Config config;
  config.path = "brobyg.xml";
  config::ProjectConfig project;
  project.id = "p";
  config.projects.push_back(project);
  config::JobConfig job;
  job.id = "job";
  job.project = "p";
  job.legalBasis.agreement = "DPA-1";
  job.legalBasis.expires = expires;
  config.jobs.push_back(job);
  return config;
}

}  // namespace

TEST(PrepareStage, AJobIsAdmittedOnlyWhileItsLegalBasisHolds) {
  const config::Config valid = configWithJob("2999-12-31");
  EXPECT_EQ(pipeline::admitJob(valid, "job").project.id, "p");
  EXPECT_THROW(pipeline::admitJob(valid, "nosuch"), Error);
  try {
    pipeline::admitJob(configWithJob("2020-01-01"), "job");
    FAIL() << "an expired legal basis refuses the job";
  } catch (const pipeline::JobRefused& e) {
    EXPECT_NE(std::string(e.what()).find("'DPA-1' expired on 2020-01-01"), std::string::npos);
  }
  config::Config orphan = valid;
  orphan.projects.clear();
  EXPECT_THROW(pipeline::admitJob(orphan, "job"), Error);
}

// What crashed runs of this job left in work/<job> goes; other jobs' work stays.
TEST(PrepareStage, TidyingEmptiesOnlyTheJobsOwnWorkFolder) {
  test::StageFixture state;
  config::Config config = configWithJob("2999-12-31");
  config.service.stateDirectory = state.dir.path();
  fs::create_directories(state.layout.runWork("job", "crashed"));
  fs::create_directories(state.layout.runWork("job-b", "running"));
  std::ofstream(state.layout.runWork("job", "crashed") / "absence_event.csv") << "x";
  pipeline::tidyBeforeRun(config, state.layout, state.store, "job");
  EXPECT_FALSE(fs::exists(state.layout.jobWork("job")));
  EXPECT_TRUE(fs::exists(state.layout.runWork("job-b", "running")));
  EXPECT_TRUE(fs::exists(state.layout.database()));
  // Issue 10 #4: an id that would name the work folder itself, or the state folder, is refused
  // before anything is removed.
  for (const char* id : {"..", "."})
    EXPECT_THROW(pipeline::tidyBeforeRun(config, state.layout, state.store, id), Error);
  EXPECT_TRUE(fs::exists(state.layout.runWork("job-b", "running")));
  EXPECT_TRUE(fs::exists(state.layout.database()));
}
