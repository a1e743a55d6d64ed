#include <istream>
#include <ostream>

#include <filesystem>
#include "Commands.h"

#include "config/CertificateCheck.h"
#include "config/ConfigLoader.h"
#include "package/Cms.h"
#include "package/PackageId.h"
#include "pipeline/StateLayout.h"
#include "pseudo/Cpr.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"
#include "state/RegisterSigner.h"
#include "state/StateStore.h"
#include "trust/Certificate.h"
#include "trust/SenderPins.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::cli {

namespace {

// A scratch file beside `path` that holds key material for a moment: private, and removed
// whatever happens.
struct ScratchFile {
  std::string path;
  explicit ScratchFile(std::string file) : path(std::move(file)) {}
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(pathFromUtf8(path), ec);
  }
};

// Records a key event in the disclosure register, signed with the municipality's key: who
// sent or received which key (its id) and when, never the key. When it cannot be recorded,
// `written` is removed, so that no key moves unrecorded.
void recordKeyEvent(const config::Config& cfg, state::DisclosureEntry event,
                    const std::string& written) {
  try {
    const state::RegisterSigner signer(cfg.producer.signingCertificate, cfg.producer.signingKey);
    // The register may be the first thing in a fresh state folder (a key sent before any run).
    const pipeline::StateLayout layout(cfg);
    createPrivateDirectory(layout.root().string());
    state::StateStore store(layout.database().string());
    store.recordKeyEvent(std::move(event), signer);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(pathFromUtf8(written), ec);
    throw;
  }
}

}  // namespace

// Sends a project key to another municipality of the same evaluation, so that both compute
// the same pseudonyms (DESIGN §4): signed with this municipality's key, then encrypted to
// the other municipality's certificate, as a package is.
int keyExportCommand(const Invocation& in, std::ostream& out) {
  config::Config cfg = config::loadConfig(in.require("config"));
  const config::ProjectConfig* project = cfg.project(in.require("project"));
  if (project == nullptr)
    throw UsageError("no project '" + in.get("project") + "' in the configuration");
  const std::string to = in.require("to");
  const std::string target = in.require("out");
  if (std::filesystem::exists(pathFromUtf8(target))) throw UsageError(target + ": already exists");
  pseudo::ProjectKey key = pseudo::ProjectKey::load(project->keyFile);
  // Signed and encrypted in one pass: the signed key (still plaintext) is never on disk.
  package::signAndEnvelopeFile(project->keyFile, target, cfg.producer.signingCertificate,
                               cfg.producer.signingKey, {to});
  state::DisclosureEntry event;
  event.kind = state::kKeyExport;
  event.packageId = "key-export-" + package::newPackageId();
  event.job = project->id;
  event.destination = "sha256:" + config::certificateFingerprint(to);
  event.disclosure = "project=" + project->id + " key_id=" + key.id() +
                     " to=sha256:" + config::certificateFingerprint(to) +
                     " file=" + utf8FromPath(pathFromUtf8(target).filename());
  recordKeyEvent(cfg, std::move(event), target);
  out << "wrote " << target << ": project '" << project->id << "' key id " << key.id()
      << ", signed by this municipality, readable only with the key of " << to << "\n";
  return 0;
}

// Receives a project key sent with key-export: decrypts it, checks that the signer is exactly
// the sender's certificate given with `--trust` (pinned: a certificate from the same CA is not
// enough, since whoever holds one could plant a key they know), checks the key's form and
// writes it with mode 0600.
int keyImportCommand(const Invocation& in, std::ostream& out) {
  // The receiving installation: the import is an entry of its disclosure register.
  const config::Config cfg = loadConfiguration(in);
  const std::string source = in.require("in");
  const std::string target = in.require("out");
  const std::string pinned = in.require("trust");
  if (in.all("trust").size() != 1)
    throw UsageError("'key-import' takes one --trust: the sending municipality's certificate");
  if (std::filesystem::exists(pathFromUtf8(target))) throw UsageError(target + ": already exists");
  ScratchFile signedKey(target + ".tmp-key");  // beside the key file it becomes
  package::decryptFile(source, signedKey.path, in.require("cert"), in.require("key"));
  trust::SignerCertificates signer = package::verifySignedFile(
      signedKey.path, target,
      [&](const trust::SignerCertificates& s) { trust::requirePinnedSigner(pinned, s); });
  try {
    pseudo::ProjectKey key = pseudo::ProjectKey::load(target);
    const std::string from = trust::fingerprint(signer.signerDer);
    state::DisclosureEntry event;
    event.kind = state::kKeyImport;
    event.packageId = "key-import-" + package::newPackageId();
    event.destination = "sha256:" + from;
    event.disclosure = "key_id=" + key.id() + " from=sha256:" + from +
                       " file=" + utf8FromPath(pathFromUtf8(target).filename());
    recordKeyEvent(cfg, std::move(event), target);
    out << "wrote " << target << " (mode 0600): key id " << key.id() << ", sent by "
        << trust::describe(signer.signerDer) << "\n";
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(pathFromUtf8(target), ec);
    throw;
  }
  return 0;
}

int keygenCommand(const Invocation& in, std::ostream& out) {
  std::string path = in.require("out");
  // A key's folder is made private like the key (an admin's first keygen is often into a
  // keys/ folder that does not exist yet).
  const std::string folder = utf8FromPath(pathFromUtf8(path).parent_path());
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::exists(pathFromUtf8(folder), ec)) {
    createPrivateDirectory(folder);
    out << "created folder " << folder << " (mode 0700)\n";
  }
  std::string id = pseudo::generateKeyFile(path);
  out << "wrote project key " << path << " (mode 0600), key id " << id << "\n";
  return 0;
}

// Reads CPR numbers from standard input, never from the command line, so that they do not
// end up in shell history or process listings.
int pseudonymCommand(const Invocation& in, std::istream& input, std::ostream& out) {
  config::Config cfg = config::loadConfig(in.require("config"));
  const config::ProjectConfig* project = cfg.project(in.require("project"));
  if (project == nullptr)
    throw UsageError("no project '" + in.get("project") + "' in the configuration");
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
