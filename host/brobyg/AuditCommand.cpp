#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "AuditExport.h"
#include "Commands.h"
#include "config/ConfigLoader.h"
#include "package/Manifest.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "pipeline/StateLayout.h"
#include "state/RegisterSigner.h"
#include "state/StateStore.h"
#include "trust/Certificate.h"
#include "trust/SenderPins.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::cli {

namespace {

// The certificates whose signatures verify accepts: the configured signing certificate and,
// after a rotation, the earlier ones named with --certificate (repeatable).
void addVerifierCertificates(const config::Config& cfg, const Invocation& in,
                             state::RegisterVerifier& verifier) {
  verifier.addCertificate(cfg.producer.signingCertificate);
  for (const std::string& path : in.all("certificate")) verifier.addCertificate(path);
}

int listRegister(state::StateStore& store, std::ostream& out) {
  for (const state::DisclosureEntry& e : store.disclosures()) {
    out << e.seq << "  " << e.deliveredAt << "  ";
    if (e.kind == state::kPackageDisclosure)
      out << "package=" << e.packageId << " job=" << e.job << " destination=" << e.destination
          << " ";
    else
      out << e.kind << " ";  // its line names the project, key id and the other side
    out << e.disclosure << "\n";
  }
  return 0;
}

int verifyRegister(state::StateStore& store, const state::RegisterVerifier& verifier,
                   std::ostream& out) {
  state::AuditResult result = store.verifyDisclosures(verifier);
  if (!result.ok()) {
    out << "disclosure register BROKEN: " << result.problem << " (" << result.entries
        << " entries read)\n";
    return 1;
  }
  out << "disclosure register intact: " << result.entries << " entries, head " << result.head
      << "\n"
      << "  " << result.signedEntries << " signed and verified";
  if (result.unsignedEntries > 0)
    out << ", " << result.unsignedEntries
        << " unsigned (written before signed entries, schema version 5): their content is"
           " protected by the chain and by the witnesses in the packages sent after them";
  out << "\n";
  return 0;
}

// The manifest `file` names: a manifest.xml that `brobyg open` unpacked (read as it is), or a
// package opened with the evaluator's --cert and --key, its signer pinned to this
// municipality's own signing certificate.
package::Manifest witnessManifest(const config::Config& cfg, const Invocation& in,
                                  const std::string& file) {
  if (!in.has("cert")) {
    std::ifstream input(pathFromUtf8(file), std::ios::binary);
    if (!input) throw UsageError(file + ": cannot read");
    std::ostringstream xml;
    xml << input.rdbuf();
    return package::parseManifest(xml.str());
  }
  trust::SenderPins pins;
  pins.pinCertificate(cfg.producer.municipality,
                      trust::readPemCertificate(cfg.producer.signingCertificate),
                      cfg.producer.signingCertificate);
  const std::filesystem::path work = pipeline::StateLayout(cfg).work();
  createPrivateDirectory(work.string());
  package::PackageOpenRequest request;
  request.packagePath = file;
  request.recipientCertPath = in.require("cert");
  request.recipientKeyPath = in.require("key");
  request.senders = &pins;
  request.outputDir = utf8FromPath(work / (".witness-" + package::newPackageId()));
  request.workDir = request.outputDir + ".work";
  struct RemoveAll {
    std::string a, b;
    ~RemoveAll() {
      std::error_code ec;
      std::filesystem::remove_all(pathFromUtf8(a), ec);
      std::filesystem::remove_all(pathFromUtf8(b), ec);
    }
  } cleanup{request.outputDir, request.workDir};
  return package::openPackage(request).manifest;
}

// Whether the register still holds, at the sequence the package's manifest names, the entry
// with the hash it names, and an intact chain up to it: a register rewritten after the
// package was made, with every hash recomputed, fails here.
int checkWitness(state::StateStore& store, const package::Manifest& m, std::ostream& out) {
  if (!m.registerHead) {
    out << "package " << m.packageId << " carries no register head (made by an older brobyg)\n";
    return 1;
  }
  const auto& head = *m.registerHead;
  const std::vector<state::DisclosureEntry> entries = store.disclosures();
  const std::string zeros(64, '0');
  std::string found = zeros;
  long expected = 1;
  std::string previous = zeros;
  for (const state::DisclosureEntry& e : entries) {
    if (static_cast<std::uint64_t>(e.seq) > head.seq) break;
    if (e.seq != expected || e.previousHash != previous ||
        state::StateStore::disclosureHash(e) != e.hash) {
      out << "witness FAILS: the register's chain is broken at entry " << e.seq
          << ", before the entry package " << m.packageId << " witnessed\n";
      return 1;
    }
    previous = found = e.hash;
    ++expected;
  }
  if (head.seq > 0 && static_cast<std::uint64_t>(expected - 1) < head.seq) {
    out << "witness FAILS: package " << m.packageId << " was made when the register had "
        << head.seq << " entries; it now has " << (expected - 1) << ": entries were removed\n";
    return 1;
  }
  if (found != head.hash) {
    out << "witness FAILS: package " << m.packageId << " holds hash " << head.hash
        << " for register entry " << head.seq << ", the register now " << found
        << ": the register was rewritten after the package was made\n";
    return 1;
  }
  out << "witness holds: register entry " << head.seq << " has hash " << head.hash
      << ", as package " << m.packageId << " (made " << m.created << ") recorded\n";
  return 0;
}

int exportRegister(state::StateStore& store, const state::RegisterVerifier& verifier,
                   const Invocation& in, std::ostream& out) {
  const std::string format = in.get("format", "csv");
  if (format != "csv" && format != "json")
    throw UsageError("'audit export' takes --format csv or --format json");
  const std::vector<state::DisclosureEntry> entries = store.disclosures();
  const state::AuditResult audit = store.verifyDisclosures(verifier);
  const std::string text =
      format == "csv" ? registerCsv(entries, audit) : registerJson(entries, audit);
  if (!in.has("output")) {
    out << text;
  } else {
    const std::string path = in.require("output");
    if (std::filesystem::exists(pathFromUtf8(path))) throw UsageError(path + ": already exists");

    writeFileAtomically(path, text);
    out << "wrote " << path << ": " << entries.size() << " register entries"
        << (audit.ok() ? "" : "; the register is BROKEN: " + audit.problem) << "\n";
  }
  return audit.ok() ? 0 : 1;
}

}  // namespace

// `brobyg audit`: the disclosure register, one line per package that left the municipality
// and per project key sent or received. `verify` checks the chain and the signatures,
// `witness FILE` a package's register head against the register, `export` writes it for a
// data protection officer. Exit 1: the register is broken or the witness fails.
int auditCommand(const Invocation& in, std::ostream& out) {
  const config::Config cfg = loadConfiguration(in);
  state::StateStore store(pipeline::StateLayout(cfg).database().string());
  const std::string action = in.args.empty() ? "list" : in.args[0];
  if (action == "list") return listRegister(store, out);
  if (action == "witness") {
    if (in.args.size() != 2) throw UsageError("'audit witness' takes one PACKAGE or manifest.xml");
    return checkWitness(store, witnessManifest(cfg, in, in.args[1]), out);
  }
  state::RegisterVerifier verifier;
  addVerifierCertificates(cfg, in, verifier);
  if (action == "verify") return verifyRegister(store, verifier, out);
  if (action == "export") return exportRegister(store, verifier, in, out);
  throw UsageError("'audit' takes list, verify, witness or export");
}

}  // namespace brobyg::cli
