#include <ostream>

#include "Commands.h"
#include "config/ConfigLoader.h"
#include "pipeline/StateLayout.h"
#include "state/StateStore.h"

namespace brobyg::cli {

// `brobyg audit`: the disclosure register, one line per package that left the municipality.
// `brobyg audit verify`: checks the hash chain; exit 1 when an entry was changed or removed.
int auditCommand(const Invocation& in, std::ostream& out) {
  const config::Config cfg = loadConfiguration(in);
  state::StateStore store(pipeline::StateLayout(cfg).database().string());
  const std::string action = in.args.empty() ? "list" : in.args[0];
  if (action == "list") {
    for (const state::DisclosureEntry& e : store.disclosures())
      out << e.seq << "  " << e.deliveredAt << "  package=" << e.packageId << " job=" << e.job
          << " destination=" << e.destination << " " << e.disclosure << "\n";
    return 0;
  }
  if (action != "verify") throw UsageError("'audit' takes list or verify");
  state::AuditResult result = store.verifyDisclosures();
  if (!result.ok()) {
    out << "disclosure register BROKEN: " << result.problem << " (" << result.entries
        << " entries read)\n";
    return 1;
  }
  out << "disclosure register intact: " << result.entries << " entries, head " << result.head
      << "\n";
  return 0;
}

}  // namespace brobyg::cli
