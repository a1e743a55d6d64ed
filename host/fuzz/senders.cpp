// Fuzz target: the senders file parser (trust/SendersFile.cpp) on arbitrary bytes, as
// `brobyg open --senders` and the receiver read a file an administrator wrote. What it
// accepts must keep the parser's promises: canonical 3-digit codes, each at most once, every
// sender with a pin, every text within its limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "trust/SendersFile.h"
#include "util/Error.h"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
bool shortText(const std::string& s) {
  return !s.empty() && s.size() <= 1024;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::trust;
  std::vector<SenderEntry> entries;
  try {
    entries = parseSenders(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const brobyg::Error&) {
    return 0;
  }
  check(!entries.empty());
  std::set<std::string> codes;
  for (const SenderEntry& e : entries) {
    check(e.municipality.size() == 3 && codes.insert(e.municipality).second);
    check(!e.certificates.empty() || !e.issuers.empty());
    for (const std::string& c : e.certificates) check(shortText(c));
    for (const SenderEntry::Issuer& i : e.issuers) check(shortText(i.ca) && shortText(i.subject));
  }
  return 0;
}
