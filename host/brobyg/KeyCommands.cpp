#include <istream>
#include <ostream>

#include "Commands.h"
#include "config/ConfigLoader.h"
#include "pseudo/Cpr.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"

namespace brobyg::cli {

int keygenCommand(const Invocation& in, std::ostream& out) {
  std::string path = in.require("out");
  std::string id = pseudo::generateKeyFile(path);
  out << "wrote project key " << path << " (mode 0600), key id " << id << "\n";
  return 0;
}

// Reads CPR numbers from standard input, never from the command line, so that they do not
// end up in shell history or process listings.
int pseudonymCommand(const Invocation& in, std::istream& input, std::ostream& out) {
  config::Config cfg = config::loadConfig(in.require("config"));
  const config::ProjectConfig* project = cfg.project(in.require("project"));
  if (project == nullptr) throw UsageError("no project '" + in.get("project") + "' in the configuration");
  pseudo::ProjectKey key = pseudo::ProjectKey::load(project->keyFile);
  pseudo::Pseudonymiser pseudonymiser(key, project->id, 0);
  const pseudo::Date today = pseudo::localToday();
  int status = 0;
  long lineNo = 0;
  for (std::string line; std::getline(input, line);) {
    ++lineNo;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto cpr = pseudo::parseCpr(line, today);
    if (!cpr.ok()) {
      out << "line " << lineNo << ": invalid (" << pseudo::describe(cpr.problem) << ")\n";
      status = 1;
      continue;
    }
    out << pseudonymiser.pseudonym(cpr.cpr).view() << "\n";
  }
  return status;
}

}  // namespace brobyg::cli
