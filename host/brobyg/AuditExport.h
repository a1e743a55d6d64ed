#pragma once

#include <map>
#include <string>
#include <vector>

#include "state/StateStore.h"

namespace brobyg::cli {

// One register entry as a data protection officer reads it: the disclosure line's fields
// (project=… key_id=… agreement=… …) taken apart. An entry written by an older brobyg may
// lack some: they are empty.
struct ExportedEntry {
  const state::DisclosureEntry* entry = nullptr;
  std::map<std::string, std::string> fields;
};

// Splits a disclosure line at its known keys. The agreement id may hold spaces, so the line
// is not split at every space but only before " <known key>=".
std::map<std::string, std::string> disclosureFields(const std::string& line);

// `brobyg audit export`: every entry, oldest first, with its signature state (signed, unsigned,
// or the verifier's problem for the first broken entry onward).
std::string registerCsv(const std::vector<state::DisclosureEntry>& entries,
                        const state::AuditResult& audit);
std::string registerJson(const std::vector<state::DisclosureEntry>& entries,
                         const state::AuditResult& audit);

}  // namespace brobyg::cli
