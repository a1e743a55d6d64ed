#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "dataset/DatasetWriter.h"
#include "package/DeflatedFile.h"
#include "package/Packager.h"
#include "risk/RiskTally.h"
#include "state/RowDigestSpool.h"

namespace brobyg::pipeline {

// The dates a package covers (the manifest's period): the smallest and largest value of the
// period columns its datasets' specs name. Empty until a non-empty value is seen.
struct Period {
  std::string from;
  std::string to;

  bool empty() const { return from.empty(); }
  // Widens the period to `date`; an empty value (an optional date left out) changes nothing.
  void widen(std::string_view date) {
    if (date.empty()) return;
    if (from.empty() || date < from) from = date;
    if (date > to) to = date;
  }
  // Widens the period to cover `other`; an empty period (a dataset without rows, or without
  // period columns) changes nothing.
  void widen(const Period& other) {
    if (other.empty()) return;
    widen(other.from);
    widen(other.to);
  }
};

// A row as written: its CSV record (the canonical bytes the row digests hash, valid until the
// next write) and its smallest and largest period date as yyyymmdd (state::packDate; 0: none).
struct WrittenRow {
  std::string_view record;
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

// How the dataset files are written: level 0 as they are (the ZIP stores them); 1-9 deflated
// while written (package::DeflatedFile, the package's level), with `threads` as the job's
// <output workers>, so that packaging copies the streams instead of deflating the files.
struct FileCompression {
  int level = 0;
  int threads = 1;
};

// Whether a dataset's rows go into the package, or are read only for the job's derived
// datasets (JobDatasetConfig::ship): then no file is written and no risk tallied, and the
// rows still get their row digests, so the derived datasets count each row once.
enum class Shipping { Shipped, InputOnly };

// The write stage for one dataset: its rows into one work file per format the job asks for,
// counting rows, widening the dataset's period and tallying the quasi-identifiers' classes as
// they pass, after coarsening them as the job's generalisation says. Hot path: no allocation
// per row (dates compared as numbers).
class DatasetOutput {
 public:
  DatasetOutput(const dataset::DatasetSpec& spec, const std::vector<std::string>& formats,
                const std::filesystem::path& directory,
                const risk::Generalisation& generalisation = {},
                Shipping shipping = Shipping::Shipped, FileCompression compression = {});

  const dataset::DatasetSpec& spec() const { return spec_; }
  bool shipped() const { return shipping_ == Shipping::Shipped; }
  // One value per output column of the spec, in spec order.
  WrittenRow write(const std::vector<std::string_view>& columns);
  std::uint64_t rows() const { return rows_; }
  Period period() const;
  // Makes every file complete.
  void finish();
  // After finish(): removes the rows the row digests found delivered before from every file,
  // and takes the kept rows' count and period.
  void drop(const state::Deduplication& decided);
  // After drop(): per row (by ordinal), whether it was dropped; empty when none was.
  const std::vector<bool>& dropped() const { return dropped_; }
  // After finish(): the files for the package.
  std::vector<package::DatasetFileInput> files() const;
  // After finish() (and drop()): the equivalence classes of the rows kept; nullopt for a
  // dataset without quasi-identifiers.
  std::optional<risk::DatasetRisk> risk(unsigned k) const;

 private:
  const std::vector<std::string_view>& generalised(const std::vector<std::string_view>& columns);
  std::unique_ptr<dataset::DatasetWriter> openWriter(const std::string& format,
                                                     const std::filesystem::path& directory);

  const dataset::DatasetSpec& spec_;
  Shipping shipping_;
  risk::Generalisation generalisation_;
  int birthMonthColumn_ = -1;  // coarsened to the year under the job's generalisation
  int schoolColumn_ = -1;      // left empty under the job's generalisation
  std::vector<std::string_view> coarse_;
  std::unique_ptr<risk::RiskTally> tally_;
  std::vector<bool> dropped_;
  std::vector<std::unique_ptr<dataset::DatasetWriter>> writers_;
  std::vector<std::string> paths_;  // per writer, once finished
  FileCompression compression_;
  std::vector<package::DeflatedFile*> deflated_;  // per writer (in it), nullptr: not deflated
  // Per writer, once finished: what its deflated file holds (nullopt: not deflated).
  std::vector<std::optional<package::ZipEntryDigest>> digests_;
  std::vector<std::size_t> periodColumns_;  // indices of the spec's period columns
  int csvWriter_ = -1;                      // index of the CSV writer, if the job writes CSV
  std::vector<char> canonical_;             // the CSV record of a job without CSV output
  std::uint64_t rows_ = 0;
  std::uint32_t from_ = 0;
  std::uint32_t to_ = 0;
};

// Every dataset a run writes, one DatasetOutput each (two sources of one dataset share it).
class DatasetOutputs {
 public:
  // The files deflated while written, at most: the first opened, in practice the first
  // source's dataset in both formats. Each holds 5-6 MiB until the run's files are finished,
  // so that many bound the memory whatever the job's datasets; the rest are written plain and
  // deflated when packaged.
  static constexpr std::size_t kDeflatedFilesAtOnce = 2;

  // `inputsOnly`: the datasets read only for the derived ones (Shipping::InputOnly).
  DatasetOutputs(std::vector<std::string> formats, std::filesystem::path directory,
                 risk::Generalisation generalisation = {}, std::vector<std::string> inputsOnly = {},
                 FileCompression compression = {});

  // The output of `spec`, created (files begun) on first use.
  DatasetOutput& of(const dataset::DatasetSpec& spec);
  std::uint64_t rows() const;
  // The period of every shipped dataset together; datasets without rows do not count.
  Period period() const;
  // Finishes every dataset's files.
  void finish();
  // After finish(): every dataset's files, in dataset name order.
  std::vector<package::DatasetFileInput> files() const;
  // After finish() and the deduplicate stage: the package's risk report.
  risk::RiskReport riskReport(const std::string& packageId, unsigned k) const;
  // Each output, in dataset name order.
  template <typename F>
  void forEach(F&& f) {
    for (auto& [name, output] : outputs_) f(*output);
  }

 private:
  // The compression of the next shipped dataset's files, within kDeflatedFilesAtOnce.
  FileCompression takeDeflated();

  std::vector<std::string> formats_;
  std::filesystem::path directory_;
  risk::Generalisation generalisation_;
  std::vector<std::string> inputsOnly_;
  FileCompression compression_;
  std::size_t deflatedFiles_ = 0;
  std::map<std::string, std::unique_ptr<DatasetOutput>> outputs_;
};

}  // namespace brobyg::pipeline
