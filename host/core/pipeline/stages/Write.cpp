#include "pipeline/stages/Write.h"

#include <algorithm>

#include "dataset/CsvDatasetWriter.h"
#include "dataset/CsvField.h"
#include "dataset/RecordFilter.h"
#include "pipeline/stages/DeflatedDrop.h"
#include "util/Error.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

DatasetOutput::DatasetOutput(const dataset::DatasetSpec& spec,
                             const std::vector<std::string>& formats, const fs::path& directory,
                             const risk::Generalisation& generalisation, Shipping shipping,
                             FileCompression compression)
    : spec_(spec),
      shipping_(shipping),
      generalisation_(shipping == Shipping::Shipped ? generalisation : risk::Generalisation{}),
      compression_(compression) {
  if (generalisation_.birthYear) birthMonthColumn_ = spec.outputIndex("birth_month");
  if (generalisation_.municipality) schoolColumn_ = spec.outputIndex("school");
  if (shipping == Shipping::Shipped && !spec.quasiIdentifiers().empty())
    tally_ = std::make_unique<risk::RiskTally>(
        spec, (directory / (spec.name() + ".risk-tally")).string());
  // DatasetSpec has refused a period column that is no output column.
  for (const std::string& name : spec.periodColumns())
    periodColumns_.push_back(static_cast<std::size_t>(spec.outputIndex(name)));
  for (const std::string& format : formats) {
    if (shipping != Shipping::Shipped) break;  // the digests hash the CSV form (write())
    writers_.push_back(openWriter(format, directory));
    writers_.back()->begin();
    if (format == "csv") csvWriter_ = static_cast<int>(writers_.size() - 1);
  }
}

std::unique_ptr<dataset::DatasetWriter> DatasetOutput::openWriter(const std::string& format,
                                                                  const fs::path& directory) {
  const std::string path = (directory / (spec_.name() + "." + format)).string();
  if (compression_.level == 0) {
    deflated_.push_back(nullptr);
    return dataset::makeWriter(format, spec_, path, Durability::Scratch);
  }
  auto file = std::make_unique<package::DeflatedFile>(path + ".deflated", compression_.level,
                                                      compression_.threads);
  deflated_.push_back(file.get());
  return dataset::makeWriter(format, spec_, std::move(file));
}

namespace {
void widen(std::uint32_t& from, std::uint32_t& to, std::uint32_t date) {
  if (date == 0) return;
  if (from == 0 || date < from) from = date;
  if (date > to) to = date;
}
}  // namespace

const std::vector<std::string_view>& DatasetOutput::generalised(
    const std::vector<std::string_view>& columns) {
  if (birthMonthColumn_ < 0 && schoolColumn_ < 0) return columns;
  coarse_.assign(columns.begin(), columns.end());
  if (birthMonthColumn_ >= 0) {
    std::string_view& month = coarse_[static_cast<std::size_t>(birthMonthColumn_)];
    month = month.substr(0, 4);
  }
  if (schoolColumn_ >= 0) coarse_[static_cast<std::size_t>(schoolColumn_)] = {};
  return coarse_;
}

WrittenRow DatasetOutput::write(const std::vector<std::string_view>& derived) {
  const std::vector<std::string_view>& columns = generalised(derived);
  if (tally_) tally_->add(columns.data());
  WrittenRow row;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    const std::string_view record = writers_[i]->writeRow(columns.data(), columns.size());
    if (static_cast<int>(i) == csvWriter_) row.record = record;
  }
  if (csvWriter_ < 0) {  // XML only: the digests still hash the CSV form
    canonical_.resize(dataset::csvRecordMaxSize(columns.data(), columns.size()));
    std::size_t badColumn = 0;
    const std::size_t size =
        dataset::encodeCsvRecord(columns.data(), columns.size(), canonical_.data(), badColumn);
    if (size == dataset::kInvalidUtf8) throw Error("a row's value is not valid UTF-8");
    row.record = {canonical_.data(), size};
  }
  ++rows_;
  for (std::size_t column : periodColumns_) {
    const std::uint32_t date = state::packDate(columns[column]);
    widen(row.from, row.to, date);
  }
  widen(from_, to_, row.from);
  widen(from_, to_, row.to);
  return row;
}

Period DatasetOutput::period() const {
  Period period;
  period.widen(state::unpackDate(from_));
  period.widen(state::unpackDate(to_));
  return period;
}

void DatasetOutput::finish() {
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    paths_.push_back(writers_[i]->finish().path);
    digests_.push_back(deflated_[i] ? std::optional(deflated_[i]->digest()) : std::nullopt);
  }
  if (tally_) tally_->finish();
}

std::optional<risk::DatasetRisk> DatasetOutput::risk(unsigned k) const {
  if (!tally_) return std::nullopt;
  return tally_->measure(dropped_, k, generalisation_);
}

void DatasetOutput::drop(const state::Deduplication& decided) {
  if (decided.duplicates == 0) return;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    if (digests_.at(i))
      digests_[i] = dropDeflatedRecords(writers_[i]->format(), spec_, paths_[i], decided.dropped,
                                        compression_.level, compression_.threads);
    else
      dataset::dropRecords(writers_[i]->format(), spec_, paths_[i], decided.dropped,
                           Durability::Scratch);
  }
  dropped_ = decided.dropped;
  rows_ -= decided.duplicates;
  from_ = decided.from;
  to_ = decided.to;
}

std::vector<package::DatasetFileInput> DatasetOutput::files() const {
  std::vector<package::DatasetFileInput> files;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    const std::string format(writers_[i]->format());
    files.push_back({paths_.at(i), spec_.name() + "." + format, spec_.name(),
                     std::to_string(spec_.version()), format, rows_, digests_.at(i)});
  }
  return files;
}

DatasetOutputs::DatasetOutputs(std::vector<std::string> formats, fs::path directory,
                               risk::Generalisation generalisation,
                               std::vector<std::string> inputsOnly, FileCompression compression)
    : formats_(std::move(formats)),
      directory_(std::move(directory)),
      generalisation_(generalisation),
      inputsOnly_(std::move(inputsOnly)),
      compression_(compression) {}

DatasetOutput& DatasetOutputs::of(const dataset::DatasetSpec& spec) {
  auto& output = outputs_[spec.name()];
  if (!output) {
    const bool inputOnly =
        std::find(inputsOnly_.begin(), inputsOnly_.end(), spec.name()) != inputsOnly_.end();
    output = std::make_unique<DatasetOutput>(spec, formats_, directory_, generalisation_,
                                             inputOnly ? Shipping::InputOnly : Shipping::Shipped,
                                             inputOnly ? FileCompression{} : takeDeflated());
  }
  return *output;
}

FileCompression DatasetOutputs::takeDeflated() {
  if (compression_.level == 0 || deflatedFiles_ + formats_.size() > kDeflatedFilesAtOnce)
    return {0, compression_.threads};
  deflatedFiles_ += formats_.size();
  return compression_;
}

std::uint64_t DatasetOutputs::rows() const {
  std::uint64_t rows = 0;
  for (const auto& [name, output] : outputs_) rows += output->rows();
  return rows;
}

Period DatasetOutputs::period() const {
  Period period;
  for (const auto& [name, output] : outputs_)
    if (output->shipped()) period.widen(output->period());
  return period;
}

void DatasetOutputs::finish() {
  for (auto& [name, output] : outputs_) output->finish();
}

risk::RiskReport DatasetOutputs::riskReport(const std::string& packageId, unsigned k) const {
  risk::RiskReport report;
  report.packageId = packageId;
  report.k = k;
  report.shipped = generalisation_;
  for (const auto& [name, output] : outputs_)
    if (auto measured = output->risk(k); measured && measured->records > 0)
      report.datasets.push_back(std::move(*measured));
  return report;
}

std::vector<package::DatasetFileInput> DatasetOutputs::files() const {
  std::vector<package::DatasetFileInput> files;
  for (const auto& [name, output] : outputs_)
    for (auto& file : output->files()) files.push_back(std::move(file));
  return files;
}

}  // namespace brobyg::pipeline
