#include "Installation.h"

#include <chrono>
#include <ctime>
#include <fstream>

#include "E2eSupport.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {

namespace {
void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The example configuration, adapted to this folder as the demo adapts it.
void writeConfig(const fs::path& dir, const fs::path& config) {
  std::string xml = readAll(std::string(BROBYG_SOURCE_DIR) + "/config/brobyg.example.xml");
  // The example's legal basis, moved a year ahead so that the test does not age.
  std::time_t inAYear = std::time(nullptr) + 365 * 86400;
  char expires[16];
  std::strftime(expires, sizeof expires, "%Y-%m-%d", std::gmtime(&inAYear));
  replaceAll(xml, "expires=\"2027-12-31\"", std::string("expires=\"") + expires + "\"");
  // The export is written by the test just before the run: no need to wait until it settles.
  const std::string directory = "<setting key=\"directory\">export</setting>";
  xml.replace(xml.find(directory), directory.size(),
              directory + "<setting key=\"min_file_age\">0s</setting>");
  // The sql plugin takes the SQLite file's absolute path.
  replaceAll(xml, "/srv/brobyg/cases/sager.db", target().absolutePath(dir / "cases/sager.db"));
  std::ofstream(config) << xml;
}

// The school system's enrolment export of the same pupils (for absence_summary), as old as
// the csv source wants a file to be; returns its number of rows.
int writeEnrolmentExport(const fs::path& dir, const fs::path& pupils) {
  const fs::path file = dir / "export/elever_2026-11-24.csv";
  const fs::path truth = dir / "enrolment-truth.csv";
  mustRun(kSynth + " enrolment --seed 7 --pupils " + quote(pupils) + " --truth " + quote(truth) +
          " --out " + quote(file));
  fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::minutes(5));
  return static_cast<int>(readCsv(truth).size()) - 1;
}
}  // namespace

Installation::Installation(const std::string& name) : dir(freshDirectory(name)) {
  makeKeys(dir / "keys");
  mustRun(kBrobyg + " keygen --out=" + quote(dir / "keys/project.key"));
  config = dir / "brobyg.xml";
  writeConfig(dir, config);
  pupils = dir / "pupils.csv";
  truth = dir / "truth.csv";
  casesTruth = dir / "cases-truth.csv";
  fs::create_directories(dir / "export");
  fs::create_directories(dir / "cases");
  mustRun(kSynth + " pupils --seed 7 --count " + std::to_string(kPupils) +
          " --municipality 0101 --out " + quote(pupils));
  mustRun(kSynth + " absence --seed 7 --pupils " + quote(pupils) + " --rows " +
          std::to_string(kRows) + " --bad-rows " + std::to_string(kBadRows) +
          " --layout danish-vendor --truth " + quote(truth) + " --out " +
          quote(dir / "export/fravaer_2026-11-24.csv"));
  enrolmentRows = writeEnrolmentExport(dir, pupils);
  mustRun(kSynth + " cases --seed 7 --pupils " + quote(pupils) + " --share 0.15 --truth " +
          quote(casesTruth) + " --out " + quote(dir / "cases/sager.db"));
  caseRows = static_cast<int>(readCsv(casesTruth).size()) - 1;
}

std::string Installation::brobyg(const std::string& args) const {
  return kBrobyg + " " + args + " --config=" + quote(config);
}

std::vector<fs::path> Installation::dropped() const {
  std::vector<fs::path> files;
  if (fs::exists(dir / "drop"))
    for (const auto& e : fs::directory_iterator(dir / "drop")) files.push_back(e.path());
  return files;
}

void openWithOpenssl(const fs::path& package, const fs::path& keys, const std::string& who,
                     const fs::path& outDir) {
  fs::create_directories(outDir);
  mustRun("openssl cms -decrypt -inform DER -in " + quote(package) + " -recip " +
          quote(keys / (who + ".crt")) + " -inkey " + quote(keys / (who + ".key")) + " -out " +
          quote(outDir / "signed.der"));
  mustRun("openssl cms -verify -inform DER -binary -in " + quote(outDir / "signed.der") +
          " -CAfile " + quote(keys / "municipality.crt") + " -out " +
          quote(outDir / "package.zip"));
  mustRun("cd " + quote(outDir) + " && unzip -q package.zip");
}

std::string pseudonymWithOpenssl(const fs::path& keyFile, const std::string& cpr,
                                 const std::string& project) {
  std::string out = mustRun("bash " + std::string(BROBYG_E2E_DIR) + "/openssl_pseudonym.sh " +
                            quote(keyFile) + " " + project + " " + cpr);
  out.erase(out.find_last_not_of("\n") + 1);
  return out;
}

}  // namespace brobyg::e2e
