#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "state/RowDigest.h"
#include "state/RowDigestSpool.h"
#include "state/StateStore.h"

namespace brobyg::state {

// The digests of the output rows one job has delivered, per dataset (issue 10 #2): a row
// identical to one an earlier committed run delivered, or to one this run wrote before, is
// not delivered again.
//
// Storage: per job and dataset one file of 16-byte digests in ascending order,
// <directory>/<job>/<dataset>.<generation>.digests (0600 in 0700 folders), where the
// generation is the id of the run that wrote it. Which generation is committed lives in the
// state database and changes only in the run's commit transaction:
//   1. dataset() gives the dataset's spool; the derive stage adds every row it writes;
//   2. resolve(), after the last row, merges the spool with the committed file: it decides
//      which rows are duplicates and writes the next generation (old digests and the kept
//      rows' digests) durably under the run's id, when the run keeps any row;
//   3. generations() goes into StateStore::commitRun with the cursors and the outbox row;
//   4. retire() removes the generations the commit replaced.
// A crash before 3 leaves the database naming the old file, so the next run reads the same
// rows again, finds none of their digests, and delivers them once; its start removes every
// file that is not the committed generation. A crash after 3 keeps them.
//
// Memory does not grow with the rows (RowDigestSpool): about 16 MiB per dataset with rows,
// whatever the row count, plus 32 KiB per 256 Ki rows while resolving. Disk: 16 bytes per
// delivered row, and each run that keeps rows rewrites its datasets' files once.
//
// One RowDigestStore per run, under the job's lock; not thread-safe.
class RowDigestStore {
 public:
  // `directory` is the state folder's digests folder, `spillDirectory` a scratch folder of
  // the run (spilled sorted runs); nothing is read before dataset().
  RowDigestStore(StateStore& store, std::string directory, std::string job, long runId,
                 const RowDigestKey& key, std::string spillDirectory);
  ~RowDigestStore();
  RowDigestStore(const RowDigestStore&) = delete;
  RowDigestStore& operator=(const RowDigestStore&) = delete;

  // The spool of `dataset`, made on first use (which also checks its committed file and
  // removes the files of other generations). The reference stays valid for the store's life.
  // Throws brobyg::Error naming the file when the committed file is missing or not the
  // committed size (the state was damaged: delivering again could duplicate rows).
  RowDigestSpool& dataset(const std::string& dataset);

  // After the last row of `dataset`: decides its rows (see RowDigestSpool::resolve) and,
  // when the run keeps any, makes the next generation of its file durable. Once per dataset.
  Deduplication resolve(const std::string& dataset);
  // The generations to commit. Throws brobyg::Error when a dataset with rows is unresolved.
  std::vector<DigestGeneration> generations() const;
  // After the commit: removes the files the new generations replaced (what fails here is
  // removed at the next start).
  void retire() noexcept;
  // The run will not commit: removes the generations it wrote.
  void discard() noexcept;

 private:
  struct Dataset;
  std::string folder() const;

  StateStore& store_;
  std::string directory_;
  std::string job_;
  long runId_;
  RowDigestKey key_;
  std::string spillDirectory_;
  std::map<std::string, std::unique_ptr<Dataset>, std::less<>> datasets_;
};

}  // namespace brobyg::state
