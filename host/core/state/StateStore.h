#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace brobyg::state {

enum class OutboxState { Staged, Sending, Delivered, RetryWaiting, Failed };
const char* toString(OutboxState state);
OutboxState outboxStateFrom(const std::string& text);

struct OutboxEntry {
  std::string packageId;
  std::string job;
  std::string destination;
  std::string file;      // the stored package, byte for byte what every attempt sends
  std::string fileName;  // its name at the destination
  std::uint64_t size = 0;
  std::string sha256;
  OutboxState state = OutboxState::Staged;
  int attempts = 0;
  std::int64_t nextAttemptAt = 0;  // unix seconds
  std::string lastError;
  std::string receipt;
  std::string createdAt;
  std::string deliveredAt;
  // What the package discloses, to whom and on what basis (one line, no personal data):
  // recorded at staging, copied into the disclosure register when it is delivered.
  std::string disclosure;
};

class RegisterSigner;
class RegisterVerifier;

// What a register entry records.
inline constexpr const char* kPackageDisclosure = "package";  // a package delivered
inline constexpr const char* kKeyExport = "key-export";       // a project key sent (key-export)
inline constexpr const char* kKeyImport = "key-import";       // a project key received

// One entry of the disclosure register (DESIGN §7): a package that left the municipality, or
// a project key sent or received. Entries are hash-chained: hash = SHA-256 of the previous
// hash and this entry's fields (canonicalBytes), and signed with the municipality's signing
// key (schema version 5; entries written before are unsigned).
struct DisclosureEntry {
  long seq = 0;
  std::string packageId;  // key events: an id of their own (key-export-..., key-import-...)
  std::string job;        // key events: the project
  std::string destination;  // key events: the other municipality's certificate fingerprint
  std::string disclosure;
  std::string receipt;
  std::string deliveredAt;
  std::string previousHash;
  std::string hash;
  std::string kind = kPackageDisclosure;
  std::string signer;     // SHA-256 fingerprint of the signing certificate; empty: unsigned
  std::string signature;  // hex; empty: unsigned
};

// The register's last entry: sequence 0 and 64 zeros while it is empty.
struct RegisterHead {
  long seq = 0;
  std::string hash = std::string(64, '0');
};

struct AuditResult {
  long entries = 0;
  long firstBroken = 0;  // 0: the chain is intact
  std::string head;      // hash of the last entry: record it elsewhere to detect truncation
  std::string problem;
  long signedEntries = 0;    // signatures checked (verifyDisclosures with a verifier)
  long unsignedEntries = 0;  // written before schema version 5, before any signed one
  bool ok() const { return firstBroken == 0; }
};

struct RunSummary {
  std::uint64_t rowsRead = 0;
  std::uint64_t rowsRejected = 0;
  std::uint64_t rowsWritten = 0;
  std::uint64_t rowsDuplicate = 0;  // not sent again: the job had delivered them before
  std::string packageId;  // empty when the run had nothing to send
  std::string status;     // ok, nothing-new, failed, refused
  std::string message;    // no personal data
};

// Which file holds one dataset's committed row digests (RowDigestStore), or a job's
// absence_summary store (summary::SummaryStore, under the reserved name
// summary::SummaryStore::kGenerationName): recorded by commitRun in the run's transaction.
// Generation 0: none yet.
struct DigestGeneration {
  std::string dataset;
  long generation = 0;      // the run that wrote the file
  std::uint64_t bytes = 0;  // its size
};

struct RunRecord {
  long id = 0;
  std::string job;
  std::string startedAt;
  std::string finishedAt;
  RunSummary summary;
};

// The durable state of one installation: runs, source cursors and the outbox, in SQLite
// (WAL, synchronous=FULL: with NORMAL a committed transaction can roll back after power
// loss). One StateStore, and so one Poco::Data session, per thread (CHECKLIST "SQLite").
class StateStore {
 public:
  explicit StateStore(const std::string& path);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::string& path() const { return path_; }
  // journal_mode and synchronous as this connection sees them (diagnostics and tests).
  std::string journalMode();
  int synchronousLevel();

  std::optional<std::string> cursor(const std::string& job, const std::string& source);

  long beginRun(const std::string& job);
  // Runs of `job` still 'running' were stopped by a crash: recorded as interrupted. Call
  // only while holding the job's lock. Returns how many.
  int markInterruptedRuns(const std::string& job);
  // Whether run `runId` is one of `job`'s runs and committed (status ok or nothing-new).
  bool runCommitted(const std::string& job, long runId);
  // Commits a finished run in one transaction: its summary, the sources' new cursors,
  // when it made one, the staged package, and the new generations of its row-digest files
  // (RowDigestStore::generations()). The package and digest files must already be durable.
  void commitRun(long runId, const RunSummary& summary,
                 const std::vector<std::pair<std::string, std::string>>& sourceCursors,
                 const std::optional<OutboxEntry>& package,
                 const std::vector<DigestGeneration>& digests = {});
  // The committed generation of `job`'s digest file for `dataset`; generation 0 when none.
  DigestGeneration committedDigests(const std::string& job, const std::string& dataset);
  // Records a run that failed or was refused; cursors stay where they were. Never throws:
  // it is called while another error is on its way out, which must not be replaced (a
  // full disk was reported as "cannot record run: Database full"). Returns false, after
  // logging why, when the outcome could not be stored; the next start then records the
  // run as interrupted.
  bool finishRunWithoutCommit(long runId, const RunSummary& summary) noexcept;
  std::vector<RunRecord> runs(const std::string& job, int limit);
  // The time (seconds since the epoch) up to which brobygd handled `job`'s schedule: runs due
  // before it were run or skipped. Empty before the first time.
  std::optional<std::int64_t> scheduleMark(const std::string& job);
  void setScheduleMark(const std::string& job, std::int64_t handledUntil);
  // Per job and status: how many runs, and their rows (for metrics).
  struct RunTotals {
    std::string job;
    std::string status;
    std::uint64_t runs = 0;
    RunSummary rows;
  };
  std::vector<RunTotals> runTotals();
  // Every finished run's start and length (unix seconds), oldest first: for the status
  // model's last success per job and its duration histogram.
  struct RunTiming {
    std::string job;
    std::string status;
    std::int64_t startedAt = 0;
    std::int64_t seconds = 0;
  };
  std::vector<RunTiming> runTimings();

  std::optional<OutboxEntry> outboxEntry(const std::string& packageId);
  // Staged or retry-waiting entries whose time has come, oldest first.
  std::vector<OutboxEntry> dueOutbox(std::int64_t now);
  std::vector<OutboxEntry> outbox();
  void markSending(const std::string& packageId);
  // The delivery and its register entry, signed by `signer`, commit together.
  void markDelivered(const std::string& packageId, const std::string& receipt,
                     const RegisterSigner& signer);
  void markRetry(const std::string& packageId, const std::string& error, std::int64_t nextAt);
  void markFailed(const std::string& packageId, const std::string& error);
  // The register, oldest first, and a check of its hash chain.
  std::vector<DisclosureEntry> disclosures();
  AuditResult verifyDisclosures();
  // The chain and every entry's signature: an entry changed, or a chain re-hashed, by someone
  // without the signing key fails. Unsigned entries are accepted only before the first signed
  // one (written before schema version 5) and counted.
  AuditResult verifyDisclosures(const RegisterVerifier& verifier);
  RegisterHead registerHead();
  // Appends a key event (kind kKeyExport or kKeyImport; packageId, job, destination and
  // disclosure filled in, never key material), signed by `signer`. Returns it as stored.
  DisclosureEntry recordKeyEvent(DisclosureEntry event, const RegisterSigner& signer);
  static std::string disclosureHash(const DisclosureEntry& entry);
  // What the hash covers: length-prefixed fields, the previous hash and seq among them.
  static std::string canonicalBytes(const DisclosureEntry& entry);
  // What the signature covers: the canonical bytes and the signer's fingerprint.
  static std::string signedBytes(const DisclosureEntry& entry);

  // An admin's retry of a failed or retry-waiting entry: due now, attempts kept for the record.
  void requeue(const std::string& packageId);
  // Entries left 'sending' by a crash: the outcome is unknown, so they go back to retry and
  // the receiver's dedup by package id makes the resend harmless.
  int recoverInterruptedSends();

 private:
  void reserveWalSpace();
  // Inside a transaction: chains, signs and inserts `entry` after the current head.
  void appendEntry(DisclosureEntry& entry, const RegisterSigner& signer);

  std::string path_;
  std::unique_ptr<Poco::Data::Session> session_;
};

std::string nowIso();
std::int64_t nowSeconds();

}  // namespace brobyg::state
