#include "state/StateStore.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Transaction.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <chrono>
#include <ctime>
#include <mutex>

#include "state/RegisterSigner.h"
#include "state/StateSchema.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"
#include "util/Sha256.h"

using namespace Poco::Data::Keywords;

namespace brobyg::state {

namespace {

void registerOnce() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

const char* kOutboxColumns =
    "package_id, job, destination, file, file_name, size, sha256, state, attempts,"
    " next_attempt_at, last_error, receipt, created_at, delivered_at, disclosure";

std::vector<OutboxEntry> readOutbox(Poco::Data::Statement& statement) {
  statement.execute();
  Poco::Data::RecordSet rs(statement);
  std::vector<OutboxEntry> entries;
  for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
    OutboxEntry e;
    e.packageId = rs[0].convert<std::string>();
    e.job = rs[1].convert<std::string>();
    e.destination = rs[2].convert<std::string>();
    e.file = rs[3].convert<std::string>();
    e.fileName = rs[4].convert<std::string>();
    e.size = rs[5].convert<Poco::UInt64>();
    e.sha256 = rs[6].convert<std::string>();
    e.state = outboxStateFrom(rs[7].convert<std::string>());
    e.attempts = rs[8].convert<int>();
    e.nextAttemptAt = rs[9].convert<Poco::Int64>();
    e.lastError = rs[10].convert<std::string>();
    e.receipt = rs[11].convert<std::string>();
    e.createdAt = rs[12].convert<std::string>();
    e.deliveredAt = rs[13].convert<std::string>();
    e.disclosure = rs[14].convert<std::string>();
    entries.push_back(std::move(e));
  }
  return entries;
}

template <typename F>
auto guarded(const std::string& path, const char* what, F&& f) {
  try {
    return f();
  } catch (const Poco::Exception& e) {
    throw Error(path + ": state store: " + what + ": " + e.displayText());
  }
}

}  // namespace

const char* toString(OutboxState state) {
  switch (state) {
    case OutboxState::Staged:
      return "staged";
    case OutboxState::Sending:
      return "sending";
    case OutboxState::Delivered:
      return "delivered";
    case OutboxState::RetryWaiting:
      return "retry";
    case OutboxState::Failed:
      return "failed";
  }
  return "failed";
}

OutboxState outboxStateFrom(const std::string& text) {
  if (text == "staged") return OutboxState::Staged;
  if (text == "sending") return OutboxState::Sending;
  if (text == "delivered") return OutboxState::Delivered;
  if (text == "retry") return OutboxState::RetryWaiting;
  return OutboxState::Failed;
}

std::string nowIso() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::int64_t nowSeconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

StateStore::StateStore(const std::string& path) : path_(path) {
  registerOnce();
  guarded(path_, "cannot open", [&] {
    session_ = std::make_unique<Poco::Data::Session>("SQLite", path_);
    std::string mode;
    *session_ << "PRAGMA journal_mode=WAL", into(mode), now;
    *session_ << "PRAGMA synchronous=FULL", now;
    *session_ << "PRAGMA foreign_keys=ON", now;
    *session_ << "PRAGMA busy_timeout=10000", now;
    return 0;
  });
  guarded(path_, "cannot migrate", [&] {
    migrateSchema(*session_, path_);
    return 0;
  });
}

StateStore::~StateStore() = default;

std::string StateStore::journalMode() {
  return guarded(path_, "cannot read settings", [&] {
    std::string mode;
    *session_ << "PRAGMA journal_mode", into(mode), now;
    return mode;
  });
}

int StateStore::synchronousLevel() {
  return guarded(path_, "cannot read settings", [&] {
    int level = 0;
    *session_ << "PRAGMA synchronous", into(level), now;
    return level;
  });
}

std::optional<std::string> StateStore::cursor(const std::string& job, const std::string& source) {
  return guarded(path_, "cannot read cursor", [&]() -> std::optional<std::string> {
    std::string j = job, s = source;
    Poco::Data::Statement select(*session_);
    select << "SELECT cursor FROM cursors WHERE job = ? AND source = ?", use(j), use(s);
    select.execute();
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    return rs[0].convert<std::string>();
  });
}

long StateStore::beginRun(const std::string& job) {
  return guarded(path_, "cannot record run", [&] {
    std::string j = job, started = nowIso();
    *session_ << "INSERT INTO runs (job, started_at) VALUES (?, ?)", use(j), use(started), now;
    long id = 0;
    *session_ << "SELECT last_insert_rowid()", into(id), now;
    reserveWalSpace();
    return id;
  });
}

void StateStore::reserveWalSpace() {
  // With every frame of the WAL copied into the database, SQLite's next write transaction
  // starts the WAL again from its beginning, overwriting blocks the file already has
  // (journal_size_limit is unset, so it never shrinks while open). The run's outcome then
  // still fits when the disk filled up during the run. Best effort: a reader holding an
  // old snapshot, or a checkpoint that cannot grow the database, only defers it.
  try {
    *session_ << "PRAGMA wal_checkpoint(PASSIVE)", now;
  } catch (const Poco::Exception&) {
  }
}

int StateStore::markInterruptedRuns(const std::string& job) {
  return guarded(path_, "cannot update runs", [&] {
    std::string j = job, at = nowIso();
    int changed = 0;
    *session_ << "UPDATE runs SET status = 'interrupted', finished_at = ?,"
                 " message = 'the process stopped, or could not record the outcome, before the run"
                 " finished; nothing was committed'"
                 " WHERE job = ? AND status = 'running'",
        use(at), use(j), now;
    *session_ << "SELECT changes()", into(changed), now;
    return changed;
  });
}

bool StateStore::runCommitted(const std::string& job, long runId) {
  return guarded(path_, "cannot read runs", [&] {
    long id = runId;
    std::string j = job;
    int committed = 0;
    *session_ << "SELECT COUNT(*) FROM runs WHERE id = ? AND job = ?"
                 " AND status IN ('ok', 'nothing-new')",
        into(committed), use(id), use(j), now;
    return committed > 0;
  });
}

namespace {
void writeSummary(Poco::Data::Session& session, long runId, const RunSummary& summary) {
  // Error texts may carry what a plugin wrote: masked before they are stored and shown.
  std::string finished = nowIso(), status = summary.status,
              message = maskIdentifiers(summary.message), packageId = summary.packageId;
  Poco::UInt64 read = summary.rowsRead, rejected = summary.rowsRejected,
               written = summary.rowsWritten, duplicate = summary.rowsDuplicate;
  long id = runId;
  session << "UPDATE runs SET finished_at = ?, status = ?, rows_read = ?, rows_rejected = ?,"
             " rows_written = ?, rows_duplicate = ?, package_id = ?, message = ? WHERE id = ?",
      use(finished), use(status), use(read), use(rejected), use(written), use(duplicate),
      use(packageId), use(message), use(id), now;
}
}  // namespace

void StateStore::commitRun(long runId, const RunSummary& summary,
                           const std::vector<std::pair<std::string, std::string>>& sourceCursors,
                           const std::optional<OutboxEntry>& package,
                           const std::vector<DigestGeneration>& digests) {
  guarded(path_, "cannot commit run", [&] {
    Poco::Data::Transaction transaction(*session_);
    std::string job;
    long id = runId;
    *session_ << "SELECT job FROM runs WHERE id = ?", into(job), use(id), now;
    for (const auto& [source, cursor] : sourceCursors) {
      std::string s = source, c = cursor, updated = nowIso();
      *session_ << "INSERT INTO cursors (job, source, cursor, updated_at) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (job, source) DO UPDATE SET cursor = excluded.cursor,"
                   " updated_at = excluded.updated_at",
          use(job), use(s), use(c), use(updated), now;
    }
    if (package) {
      OutboxEntry e = *package;
      std::string state = toString(OutboxState::Staged), created = nowIso();
      Poco::UInt64 size = e.size;
      Poco::Int64 next = 0;
      *session_ << "INSERT INTO outbox (package_id, job, destination, file, file_name, size,"
                   " sha256, state, next_attempt_at, created_at, disclosure)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          use(e.packageId), use(e.job), use(e.destination), use(e.file), use(e.fileName), use(size),
          use(e.sha256), use(state), use(next), use(created), use(e.disclosure), now;
    }
    for (const DigestGeneration& g : digests) {
      std::string d = g.dataset, updated = nowIso();
      Poco::UInt64 bytes = g.bytes;
      Poco::Int64 generation = g.generation;
      *session_ << "INSERT INTO row_digests (job, dataset, generation, bytes, updated_at)"
                   " VALUES (?, ?, ?, ?, ?) ON CONFLICT (job, dataset) DO UPDATE SET"
                   " generation = excluded.generation, bytes = excluded.bytes,"
                   " updated_at = excluded.updated_at",
          use(job), use(d), use(generation), use(bytes), use(updated), now;
    }
    writeSummary(*session_, runId, summary);
    transaction.commit();
    return 0;
  });
}

DigestGeneration StateStore::committedDigests(const std::string& job, const std::string& dataset) {
  return guarded(path_, "cannot read row digests", [&]() -> DigestGeneration {
    std::string j = job, d = dataset;
    Poco::Data::Statement select(*session_);
    select << "SELECT generation, bytes FROM row_digests WHERE job = ? AND dataset = ?", use(j),
        use(d);
    select.execute();
    Poco::Data::RecordSet rs(select);
    DigestGeneration g;
    g.dataset = dataset;
    if (!rs.moveFirst()) return g;
    g.generation = static_cast<long>(rs[0].convert<Poco::Int64>());
    g.bytes = rs[1].convert<Poco::UInt64>();
    return g;
  });
}

bool StateStore::finishRunWithoutCommit(long runId, const RunSummary& summary) noexcept {
  try {
    writeSummary(*session_, runId, summary);
    return true;
  } catch (const std::exception& e) {
    // The caller is handling the error that ended the run (often the same full disk): that
    // one is reported; this one only logged, and the run reads as interrupted later.
    try {
      const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
      Poco::Logger::get("brobyg.state")
          .error(path_ + ": cannot record the outcome of run " + std::to_string(runId) + ": " +
                 (poco != nullptr ? poco->displayText() : std::string(e.what())));
    } catch (...) {
    }
    return false;
  }
}

std::optional<std::int64_t> StateStore::scheduleMark(const std::string& job) {
  return guarded(path_, "cannot read schedule marks", [&]() -> std::optional<std::int64_t> {
    std::string j = job;
    Poco::Data::Statement select(*session_);
    select << "SELECT handled_until FROM schedule_marks WHERE job = ?", use(j);
    select.execute();
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    return rs[0].convert<Poco::Int64>();
  });
}

void StateStore::setScheduleMark(const std::string& job, std::int64_t handledUntil) {
  guarded(path_, "cannot record schedule marks", [&] {
    std::string j = job;
    Poco::Int64 until = handledUntil;
    *session_ << "INSERT INTO schedule_marks (job, handled_until) VALUES (?, ?)"
                 " ON CONFLICT (job) DO UPDATE SET handled_until = excluded.handled_until",
        use(j), use(until), now;
  });
}

std::vector<RunRecord> StateStore::runs(const std::string& job, int limit) {
  return guarded(path_, "cannot read runs", [&] {
    std::string j = job;
    int l = limit;
    Poco::Data::Statement select(*session_);
    select << "SELECT id, job, started_at, COALESCE(finished_at, ''), status, rows_read,"
              " rows_rejected, rows_written, COALESCE(package_id, ''), COALESCE(message, ''),"
              " rows_duplicate FROM runs WHERE job = ? ORDER BY id DESC LIMIT ?",
        use(j), use(l);
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<RunRecord> records;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      RunRecord r;
      r.id = rs[0].convert<long>();
      r.job = rs[1].convert<std::string>();
      r.startedAt = rs[2].convert<std::string>();
      r.finishedAt = rs[3].convert<std::string>();
      r.summary.status = rs[4].convert<std::string>();
      r.summary.rowsRead = rs[5].convert<Poco::UInt64>();
      r.summary.rowsRejected = rs[6].convert<Poco::UInt64>();
      r.summary.rowsWritten = rs[7].convert<Poco::UInt64>();
      r.summary.packageId = rs[8].convert<std::string>();
      r.summary.message = rs[9].convert<std::string>();
      r.summary.rowsDuplicate = rs[10].convert<Poco::UInt64>();
      records.push_back(r);
    }
    return records;
  });
}

std::vector<StateStore::RunTiming> StateStore::runTimings() {
  return guarded(path_, "cannot read runs", [&] {
    Poco::Data::Statement select(*session_);
    select << "SELECT job, status, CAST(strftime('%s', started_at) AS INTEGER),"
              " CAST(ROUND((julianday(finished_at) - julianday(started_at)) * 86400) AS INTEGER)"
              " FROM runs WHERE finished_at IS NOT NULL AND finished_at != '' ORDER BY id";
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<RunTiming> timings;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
      timings.push_back({rs[0].convert<std::string>(), rs[1].convert<std::string>(),
                         rs[2].isEmpty() ? 0 : rs[2].convert<Poco::Int64>(),
                         rs[3].isEmpty() ? 0 : rs[3].convert<Poco::Int64>()});
    return timings;
  });
}

std::vector<StateStore::RunTotals> StateStore::runTotals() {
  return guarded(path_, "cannot read runs", [&] {
    Poco::Data::Statement select(*session_);
    select << "SELECT job, status, COUNT(*), SUM(rows_read), SUM(rows_rejected),"
              " SUM(rows_written), SUM(rows_duplicate) FROM runs GROUP BY job, status"
              " ORDER BY job, status";
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<RunTotals> totals;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      RunTotals t;
      t.job = rs[0].convert<std::string>();
      t.status = rs[1].convert<std::string>();
      t.runs = rs[2].convert<Poco::UInt64>();
      t.rows.rowsRead = rs[3].isEmpty() ? 0 : rs[3].convert<Poco::UInt64>();
      t.rows.rowsRejected = rs[4].isEmpty() ? 0 : rs[4].convert<Poco::UInt64>();
      t.rows.rowsWritten = rs[5].isEmpty() ? 0 : rs[5].convert<Poco::UInt64>();
      t.rows.rowsDuplicate = rs[6].isEmpty() ? 0 : rs[6].convert<Poco::UInt64>();
      totals.push_back(t);
    }
    return totals;
  });
}

std::optional<OutboxEntry> StateStore::outboxEntry(const std::string& packageId) {
  return guarded(path_, "cannot read outbox", [&]() -> std::optional<OutboxEntry> {
    std::string id = packageId;
    Poco::Data::Statement select(*session_);
    select << "SELECT " << kOutboxColumns << " FROM outbox WHERE package_id = ?", use(id);
    auto entries = readOutbox(select);
    if (entries.empty()) return std::nullopt;
    return entries.front();
  });
}

std::vector<OutboxEntry> StateStore::dueOutbox(std::int64_t nowSecs) {
  return guarded(path_, "cannot read outbox", [&] {
    Poco::Int64 t = nowSecs;
    Poco::Data::Statement select(*session_);
    select << "SELECT " << kOutboxColumns
           << " FROM outbox WHERE state IN ('staged', 'retry') AND next_attempt_at <= ?"
              " ORDER BY created_at, package_id",
        use(t);
    return readOutbox(select);
  });
}

std::vector<OutboxEntry> StateStore::outbox() {
  return guarded(path_, "cannot read outbox", [&] {
    Poco::Data::Statement select(*session_);
    select << "SELECT " << kOutboxColumns << " FROM outbox ORDER BY created_at, package_id";
    return readOutbox(select);
  });
}

void StateStore::markSending(const std::string& packageId) {
  guarded(path_, "cannot update outbox", [&] {
    std::string id = packageId;
    *session_ << "UPDATE outbox SET state = 'sending', attempts = attempts + 1"
                 " WHERE package_id = ?",
        use(id), now;
    return 0;
  });
}

void StateStore::markDelivered(const std::string& packageId, const std::string& receipt,
                               const RegisterSigner& signer) {
  guarded(path_, "cannot update outbox", [&] {
    // The delivery and its register entry commit together: no disclosure goes unrecorded.
    Poco::Data::Transaction transaction(*session_);
    std::string id = packageId, r = receipt, at = nowIso();
    *session_ << "UPDATE outbox SET state = 'delivered', receipt = ?, delivered_at = ?,"
                 " last_error = '' WHERE package_id = ?",
        use(r), use(at), use(id), now;
    int known = 0;
    *session_ << "SELECT COUNT(*) FROM disclosures WHERE package_id = ?", into(known), use(id), now;
    if (known == 0) {
      DisclosureEntry d;
      d.packageId = packageId;
      d.receipt = receipt;
      d.deliveredAt = at;
      Poco::Data::Statement select(*session_);
      select << "SELECT job, destination, disclosure FROM outbox WHERE package_id = ?", use(id);
      select.execute();
      Poco::Data::RecordSet rs(select);
      if (rs.moveFirst()) {
        d.job = rs[0].convert<std::string>();
        d.destination = rs[1].convert<std::string>();
        d.disclosure = rs[2].convert<std::string>();
      }
      appendEntry(d, signer);
    }
    transaction.commit();
    return 0;
  });
}

DisclosureEntry StateStore::recordKeyEvent(DisclosureEntry event, const RegisterSigner& signer) {
  if (event.kind != kKeyExport && event.kind != kKeyImport)
    throw Error("a key event is key-export or key-import, not '" + event.kind + "'");
  return guarded(path_, "cannot record in the disclosure register", [&] {
    Poco::Data::Transaction transaction(*session_);
    event.deliveredAt = nowIso();
    appendEntry(event, signer);
    transaction.commit();
    return event;
  });
}

void StateStore::appendEntry(DisclosureEntry& d, const RegisterSigner& signer) {
  // Read inside the caller's transaction, so two writers cannot both append after one head.
  const RegisterHead head = registerHead();
  d.seq = head.seq + 1;
  d.previousHash = head.hash;
  d.hash = disclosureHash(d);
  d.signer = signer.fingerprint();
  d.signature = signer.sign(signedBytes(d));
  *session_ << "INSERT INTO disclosures (seq, package_id, job, destination, disclosure,"
               " receipt, delivered_at, previous_hash, hash, kind, signer, signature)"
               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      use(d.seq), use(d.packageId), use(d.job), use(d.destination), use(d.disclosure),
      use(d.receipt), use(d.deliveredAt), use(d.previousHash), use(d.hash), use(d.kind),
      use(d.signer), use(d.signature), now;
}

RegisterHead StateStore::registerHead() {
  return guarded(path_, "cannot read the disclosure register", [&] {
    RegisterHead head;
    Poco::Data::Statement tail(*session_);
    tail << "SELECT seq, hash FROM disclosures ORDER BY seq DESC LIMIT 1";
    tail.execute();
    Poco::Data::RecordSet rs(tail);
    if (rs.moveFirst()) {
      head.seq = rs[0].convert<long>();
      head.hash = rs[1].convert<std::string>();
    }
    return head;
  });
}

std::string StateStore::canonicalBytes(const DisclosureEntry& e) {
  // Length-prefixed fields, so that no two different entries serialise alike. The kind is
  // added only for key events, so that package entries written before version 5 keep their
  // hashes.
  std::string bytes;
  auto add = [&bytes](const std::string& field) {
    bytes += std::to_string(field.size()) + ":" + field;
  };
  for (const std::string* field : {&e.previousHash, &e.packageId, &e.job, &e.destination,
                                   &e.disclosure, &e.receipt, &e.deliveredAt})
    add(*field);
  add(std::to_string(e.seq));
  if (e.kind != kPackageDisclosure) add(e.kind);
  return bytes;
}

std::string StateStore::signedBytes(const DisclosureEntry& e) {
  return "brobyg disclosure register entry\n" + e.signer + "\n" + canonicalBytes(e);
}

std::string StateStore::disclosureHash(const DisclosureEntry& e) {
  Sha256 h;
  h.update(canonicalBytes(e));
  return h.hexDigest();
}

std::vector<DisclosureEntry> StateStore::disclosures() {
  return guarded(path_, "cannot read the disclosure register", [&] {
    Poco::Data::Statement select(*session_);
    select << "SELECT seq, package_id, job, destination, disclosure, receipt, delivered_at,"
              " previous_hash, hash, kind, signer, signature FROM disclosures ORDER BY seq";
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<DisclosureEntry> entries;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      DisclosureEntry e;
      e.seq = rs[0].convert<long>();
      e.packageId = rs[1].convert<std::string>();
      e.job = rs[2].convert<std::string>();
      e.destination = rs[3].convert<std::string>();
      e.disclosure = rs[4].convert<std::string>();
      e.receipt = rs[5].convert<std::string>();
      e.deliveredAt = rs[6].convert<std::string>();
      e.previousHash = rs[7].convert<std::string>();
      e.hash = rs[8].convert<std::string>();
      e.kind = rs[9].convert<std::string>();
      e.signer = rs[10].convert<std::string>();
      e.signature = rs[11].convert<std::string>();
      entries.push_back(std::move(e));
    }
    return entries;
  });
}

namespace {

// Why `e` breaks the chain after `previous` (expected at `expectedSeq`); empty: it does not.
std::string chainProblem(const DisclosureEntry& e, long expectedSeq, const std::string& previous) {
  if (e.seq != expectedSeq) return "entry " + std::to_string(expectedSeq) + " is missing";
  if (e.previousHash != previous)
    return "entry " + std::to_string(e.seq) + " does not follow the entry before it";
  if (StateStore::disclosureHash(e) != e.hash)
    return "entry " + std::to_string(e.seq) + " was changed after it was written";
  return {};
}

// Why `e`'s signature is not acceptable; empty: it is (or `e` is an early unsigned entry).
std::string signatureProblem(const DisclosureEntry& e, const RegisterVerifier& verifier,
                             AuditResult& result) {
  const std::string entry = "entry " + std::to_string(e.seq);
  if (e.signer.empty() && e.signature.empty()) {
    if (result.signedEntries > 0)
      return entry + " is unsigned, but entries before it are signed";
    ++result.unsignedEntries;
    return {};
  }
  if (!verifier.knows(e.signer))
    return entry + " is signed by a certificate not given (SHA-256 " + e.signer +
           "): name the signing certificate of that time with --certificate";
  if (!verifier.verify(e.signer, StateStore::signedBytes(e), e.signature))
    return entry + " has a signature that does not match its content: it was changed by"
                   " someone without the signing key";
  ++result.signedEntries;
  return {};
}

AuditResult checkRegister(const std::vector<DisclosureEntry>& entries,
                          const RegisterVerifier* verifier) {
  AuditResult result;
  std::string previous(64, '0');
  long expectedSeq = 1;
  for (const DisclosureEntry& e : entries) {
    ++result.entries;
    std::string why = chainProblem(e, expectedSeq, previous);
    if (why.empty() && verifier != nullptr) why = signatureProblem(e, *verifier, result);
    if (!why.empty() && result.firstBroken == 0) {
      result.firstBroken = e.seq;
      result.problem = why;
    }
    previous = e.hash;
    expectedSeq = e.seq + 1;
  }
  result.head = previous;
  return result;
}

}  // namespace

AuditResult StateStore::verifyDisclosures() {
  return checkRegister(disclosures(), nullptr);
}

AuditResult StateStore::verifyDisclosures(const RegisterVerifier& verifier) {
  return checkRegister(disclosures(), &verifier);
}

void StateStore::markRetry(const std::string& packageId, const std::string& error,
                           std::int64_t nextAt) {
  guarded(path_, "cannot update outbox", [&] {
    std::string id = packageId, e = maskIdentifiers(error);
    Poco::Int64 next = nextAt;
    *session_ << "UPDATE outbox SET state = 'retry', last_error = ?, next_attempt_at = ?"
                 " WHERE package_id = ?",
        use(e), use(next), use(id), now;
    return 0;
  });
}

void StateStore::markFailed(const std::string& packageId, const std::string& error) {
  guarded(path_, "cannot update outbox", [&] {
    std::string id = packageId, e = maskIdentifiers(error);
    *session_ << "UPDATE outbox SET state = 'failed', last_error = ? WHERE package_id = ?", use(e),
        use(id), now;
    return 0;
  });
}

void StateStore::requeue(const std::string& packageId) {
  guarded(path_, "cannot update outbox", [&] {
    std::string id = packageId;
    *session_ << "UPDATE outbox SET state = 'retry', next_attempt_at = 0"
                 " WHERE package_id = ? AND state IN ('failed', 'retry')",
        use(id), now;
    return 0;
  });
}

int StateStore::recoverInterruptedSends() {
  return guarded(path_, "cannot update outbox", [&] {
    int changed = 0;
    *session_ << "UPDATE outbox SET state = 'retry', next_attempt_at = 0,"
                 " last_error = 'interrupted while sending; outcome unknown, resending'"
                 " WHERE state = 'sending'",
        now;
    *session_ << "SELECT changes()", into(changed), now;
    return changed;
  });
}

}  // namespace brobyg::state
