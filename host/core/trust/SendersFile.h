#pragma once

#include <string>
#include <vector>

#include "trust/SenderPins.h"

namespace brobyg::trust {

inline constexpr const char* kSendersNamespace = "urn:brobyg:senders:1";

// One <sender> of a senders file (schemas/senders.xsd), paths as written.
struct SenderEntry {
  std::string municipality;  // canonical, 3 digits
  std::string name;
  std::vector<std::string> certificates;  // <certificate>: pinned signing certificates
  struct Issuer {
    std::string ca;       // <issuer certificate="...">: the CA (PEM)
    std::string subject;  // <issuer subject="...">: exact subject, RFC 2253
  };
  std::vector<Issuer> issuers;
  long line = 0;
};

// Parses the XML of a senders file; `where` names it in errors ("file:line: ..."). Checks
// what the schema says and more: known elements only, a code at most once, every sender with
// at least one pin. Reads no files.
std::vector<SenderEntry> parseSenders(const std::string& xml, const std::string& where);

// Reads a senders file (at most 1 MiB) and the certificates it names (relative paths are
// taken from the file's folder) into `pins`.
void loadSendersFile(const std::string& path, SenderPins& pins);

}  // namespace brobyg::trust
