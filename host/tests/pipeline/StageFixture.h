#pragma once

// What the stage tests share: a private state folder with a real state store, quarantine
// and digest store, a pseudonymiser with a fixed key, and absence_event rows as a source
// hands them over.
#include <brobyg_plugin.h>

#include <memory>
#include <string>
#include <vector>

#include "TempDir.h"
#include "pipeline/StateLayout.h"
#include "pseudo/Date.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"
#include "state/Quarantine.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"

namespace brobyg::test {

// person, municipality, school, grade, date, unit, lesson, category
struct SourceRow {
  std::vector<std::string> values{"150215-4837", "0101", "101002", "5",
                                  "2025-10-03",  "",     "",       "sick"};
  std::vector<brobyg_str> abi() const {
    std::vector<brobyg_str> out;
    for (const auto& v : values) out.push_back({v.data(), v.size()});
    return out;
  }
  SourceRow on(const std::string& date) const {
    SourceRow copy = *this;
    copy.values[4] = date;
    return copy;
  }
};

// One run's parts, as JobRunner makes them.
struct RunParts {
  RunParts(state::StateStore& store, const pipeline::StateLayout& layout, const std::string& job)
      : runId(store.beginRun(job)),
        quarantine(layout.quarantine().string(), job + "-" + std::to_string(runId)),
        digests(store, layout.digests().string(), job, runId, state::RowDigestKey{},
                layout.runWork(job, "spill-" + std::to_string(runId)).string()) {}
  long runId;
  state::Quarantine quarantine;
  state::RowDigestStore digests;
  state::RunSummary summary;
};

struct StageFixture {
  TempDir dir;
  pipeline::StateLayout layout{dir.path()};
  state::StateStore store{layout.database().string()};
  pseudo::ProjectKey key = pseudo::ProjectKey::fromBytes(pseudo::ProjectKey::Bytes{});
  pseudo::Pseudonymiser pseudonymiser{key, "test-project"};
  pseudo::Date today{2026, 11, 25};
};

}  // namespace brobyg::test
