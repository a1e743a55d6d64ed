#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "state/StateStore.h"
#include "util/Problem.h"

namespace brobyg::config {
struct Config;
}

namespace brobyg::status {

// What an admin sees of one installation, computed in one place (collect) and shown four
// ways: the admin API's JSON, the Prometheus metrics, the status page and `brobyg status`.
// It holds ids, counts, times and messages, never personal data: the state store holds
// none, and certificates are named by the setting that points at them, never by subject.

// Run lengths are counted in these buckets (seconds, upper bounds) for the histogram.
inline constexpr double kDurationBuckets[] = {1, 5, 15, 60, 300, 900, 3600, 14400};
inline constexpr std::size_t kDurationBucketCount = std::size(kDurationBuckets);

struct DurationHistogram {
  std::uint64_t buckets[kDurationBucketCount] = {};  // runs of at most that many seconds
  std::uint64_t count = 0;
  double sum = 0;
  void add(double seconds);
};

struct JobStatus {
  std::string id;
  std::string schedule;  // empty: on demand only
  std::string timezone;  // cron schedules only
  std::string legalBasisExpires;
  std::optional<std::int64_t> nextRun;      // unix seconds; earlier than now: due at the next tick
  std::string scheduleProblem;              // the schedule does not parse (check names it too)
  std::vector<state::RunRecord> lastRuns;   // newest first
  std::optional<std::int64_t> lastSuccess;  // end of the last ok or nothing-new run
  DurationHistogram durations;
  std::map<std::string, std::uint64_t> runsByStatus;
  state::RunSummary rowTotals;  // sums over every run
};

struct OutboxStatus {
  std::vector<state::OutboxEntry> entries;
  std::map<std::string, std::uint64_t> byState;  // every state, also those with none
  // Age of the oldest package still to be sent (staged, sending or retry); empty when none.
  std::optional<std::int64_t> oldestWaitingSeconds;
};

// The disclosure register's head: what an admin compares with a witness. Whether the chain
// and its signatures verify is `brobyg audit verify`'s question (it needs the certificates).
struct RegisterHead {
  long entries = 0;
  std::string head;  // hash of the last entry; empty while the register is empty
};

// One configured certificate, named by the setting that names it.
struct CertificateExpiry {
  std::string setting;  // e.g. "recipient vive certificate": what an admin looks for in the file
  std::string role;     // signing, recipient, receipt, tls-client, tls-ca
  std::string job;      // the job that uses it ("" for the producer's signing certificate)
  std::string owner;    // the recipient or destination/source id that names it
  long line = 0;
  std::optional<std::int64_t> notAfter;  // empty: unreadable (check says why)
};

struct Status {
  std::int64_t generatedAt = 0;
  std::string configPath;
  std::vector<JobStatus> jobs;
  OutboxStatus outbox;
  RegisterHead registerHead;
  std::vector<CertificateExpiry> certificates;
  Problems problems;  // what `brobyg check` finds, as of the last start or reload
};

// Reads the state store and the configuration's certificates. `problems` comes from
// checkProblems: the caller decides how often to recompute it (brobygd: at start and reload).
Status collect(const config::Config& config, state::StateStore& store, const Problems& problems,
               std::int64_t now, int runsPerJob);

}  // namespace brobyg::status
