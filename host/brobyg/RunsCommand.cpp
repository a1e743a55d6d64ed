#include <ostream>

#include "Commands.h"
#include "config/ConfigLoader.h"
#include "pipeline/StateLayout.h"
#include "state/StateStore.h"

namespace brobyg::cli {

// The last runs of each job (or of one), newest first: what an admin checks first.
int runsCommand(const Invocation& in, std::ostream& out) {
  const config::Config cfg = loadConfiguration(in);
  state::StateStore store(pipeline::StateLayout(cfg).database().string());
  for (const config::JobConfig& job : cfg.jobs) {
    if (in.has("job") && in.get("job") != job.id) continue;
    for (const state::RunRecord& r : store.runs(job.id, 10)) {
      const state::RunSummary& s = r.summary;
      out << r.startedAt << "  run=" << r.id << " job=" << r.job << " status=" << s.status
          << " read=" << s.rowsRead << " rejected=" << s.rowsRejected
          << " written=" << s.rowsWritten << " duplicates=" << s.rowsDuplicate
          << " package=" << (s.packageId.empty() ? "-" : s.packageId) << "\n";
      if (!s.message.empty()) out << "    " << s.message << "\n";
    }
  }
  return 0;
}

}  // namespace brobyg::cli
