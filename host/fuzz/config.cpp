// Fuzz target: the configuration loader (config/ConfigLoader.cpp) on arbitrary bytes, as an
// admin's editor or a broken deployment may leave the file. It must report problems, never
// crash; every problem it reports has a line inside the file; a file it accepts has ids that
// are safe file names and dates that exist (review findings #3 and #4).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "config/ConfigLoader.h"
#include "pseudo/Date.h"
#include "util/Error.h"
#include "util/SafePath.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

// The loader reads a path: one scratch file per fuzzing process.
const std::string& scratchPath() {
  static const std::string path = "/tmp/brobyg-fuzz-config-" + std::to_string(::getpid()) + ".xml";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::config;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::ofstream(scratchPath(), std::ios::binary | std::ios::trunc) << text;
  long lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;

  Problems problems;
  Config config;
  try {
    config = parseConfig(scratchPath(), problems);
  } catch (const brobyg::Error&) {
    return 0;
  }
  for (const Problem& p : problems) check(p.line >= 0 && p.line <= lines && !p.message.empty());
  if (brobyg::hasErrors(problems)) return 0;

  for (const JobConfig& job : config.jobs) {
    check(brobyg::isSafeId(job.id));
    check(!job.legalBasis.datasets.empty());
    check(brobyg::pseudo::parseIsoDate(job.legalBasis.expires).has_value());
  }
  for (const InstanceConfig& source : config.sources) check(brobyg::isSafeId(source.id));
  for (const InstanceConfig& destination : config.destinations)
    check(brobyg::isSafeId(destination.id));
  for (const RecipientConfig& recipient : config.recipients) check(brobyg::isSafeId(recipient.id));
  for (const ProjectConfig& project : config.projects) check(brobyg::isSafeId(project.id));
  return 0;
}
