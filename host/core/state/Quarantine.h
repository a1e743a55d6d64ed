#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/AtomicFile.h"

namespace brobyg::state {

// A spreadsheet runs a cell that starts with one of these (= + - @ tab CR) as a formula (OWASP
// "CSV injection"); files meant for people (quarantine files, the register export) prefix such
// a cell with ' so that it shows as text.
bool startsFormula(std::string_view value);

class StateStore;

// Rejected rows of one run, kept locally for the municipality to correct: a CSV file
// (source, origin, reason, raw row) with mode 0600 in a 0700 folder. Never logged, never
// packaged. A cell that starts with =, +, -, @, tab or CR gets a leading ' so that a
// spreadsheet shows it as text instead of running it as a formula. Created on the first rejected
// row, so a clean run leaves no file.
//
// While the run is open the rows go to a hidden ".partial" file. prepare() makes it durable
// before the run commits (so the cursors never move past rows that exist nowhere); publish()
// renames it to its final name after the commit. At the next start of the job,
// recoverAbandoned() publishes the partial files of runs that committed and removes those of
// runs that did not (their input is read again and the same rows rejected again): no row is
// lost, and none is quarantined twice.
class Quarantine {
 public:
  // `name` identifies the run; files are <directory>/<name>.csv.
  Quarantine(std::string directory, std::string name);
  ~Quarantine();
  Quarantine(const Quarantine&) = delete;
  Quarantine& operator=(const Quarantine&) = delete;

  void add(std::string_view source, std::string_view origin, std::string_view reason,
           std::string_view raw);
  void prepare();  // fsync the partial file and its folder
  void publish();  // rename to the final name, fsync the folder
  void discard();  // the run failed: remove what it wrote
  std::uint64_t count() const { return count_; }
  // The final path, or empty when nothing was rejected.
  std::string path() const { return file_ || prepared_ ? finalPath() : std::string(); }

  // For each partial file of `job`'s runs, named exactly ".<job>-<run id>.csv.partial"
  // (job "a" never takes job "a-b"'s files): publishes it when `store` says that run of
  // `job` committed, else removes it. Call with the job's lock.
  static void recoverAbandoned(const std::string& directory, const std::string& job,
                               StateStore& store);
  // The run id in `file` when it is exactly ".<job>-<digits>.csv.partial", else 0.
  static long partialRunId(std::string_view file, std::string_view job);

 private:
  std::string finalPath() const;
  std::string partialPath() const;

  std::string directory_;
  std::string name_;
  std::unique_ptr<OutputFile> file_;
  std::uint64_t count_ = 0;
  bool prepared_ = false;
  std::string line_;
};

}  // namespace brobyg::state
