#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "state/RowDigest.h"
#include "state/RowDigestSet.h"
#include "state/StateStore.h"

namespace brobyg::state {

// The digests of the output rows one job has delivered, per dataset (issue 10 #2): a row
// identical to one an earlier committed run delivered, or one this run already wrote, is
// not delivered again.
//
// Storage: one append-only file of 16-byte digests per job and dataset,
// <directory>/<job>/<dataset>.digests (0600 in 0700 folders). Its committed length lives in
// the state database and moves only in the run's commit transaction:
//   1. dataset() opens the file, truncates it back to its committed length (digests a
//      crashed or failed run appended are forgotten) and loads it into a RowDigestSet;
//   2. seenOrAdd() on the hot path: no allocation beyond the set's amortised growth;
//   3. prepare() appends this run's new digests and fsyncs them, before the commit;
//   4. lengths() goes into StateStore::commitRun with the cursors and the outbox row.
// A crash anywhere before 4 leaves the committed length as it was, so the next run reads
// the same rows again, finds none of their digests, and delivers them once. A crash after 4
// keeps them. A run that does not commit calls discard() (or simply never commits).
//
// Memory: 16 bytes per digest slot, at most 3/4 of the slots used, capacity a power of two:
// 21 to 43 bytes per row the job ever delivered (of each dataset this run touches), held
// while the store is open, plus 16 bytes per row new in this run. 10 million delivered rows
// take 210 to 430 MB.
//
// One RowDigestStore per run, under the job's lock; not thread-safe.
class RowDigestStore {
 public:
  // `directory` is the state folder's digests folder; nothing is read before dataset().
  RowDigestStore(StateStore& store, std::string directory, std::string job);
  ~RowDigestStore();
  RowDigestStore(const RowDigestStore&) = delete;
  RowDigestStore& operator=(const RowDigestStore&) = delete;

  // The set of `dataset`, loaded on first use. The reference stays valid for the store's
  // life: keep it beside the dataset's writers and call seenOrAdd() on it per row. Throws
  // brobyg::Error naming the file when it cannot be read, is shorter than its committed
  // length (the state was damaged: delivering again could duplicate rows), or has a length
  // that is not a multiple of 16.
  RowDigestSet& dataset(const std::string& dataset);

  // Appends every set's new digests to its file and fsyncs it (and the folder when the file
  // is new). Call after the rows are written and before StateStore::commitRun. Throws
  // brobyg::Error with the real write error (e.g. "No space left on device").
  void prepare();
  // The lengths to commit (one per dataset touched in this run). After prepare(): throws
  // brobyg::Error when a set holds digests prepare() has not written.
  std::vector<DigestLength> lengths() const;
  // The run will not commit: truncates the files back to their committed lengths now, so
  // the disk holds no uncommitted digests (the next start would do it anyway).
  void discard();

  // Rows this run did not deliver because an earlier run or this run already had.
  std::uint64_t duplicates() const;

 private:
  struct Dataset;
  StateStore& store_;
  std::string directory_;
  std::string job_;
  std::map<std::string, std::unique_ptr<Dataset>, std::less<>> datasets_;
};

}  // namespace brobyg::state
