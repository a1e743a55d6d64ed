#include "pipeline/stages/Write.h"

#include "dataset/RecordFilter.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

DatasetOutput::DatasetOutput(const dataset::DatasetSpec& spec,
                             const std::vector<std::string>& formats, const fs::path& directory)
    : spec_(spec) {
  // DatasetSpec has refused a period column that is no output column.
  for (const std::string& name : spec.periodColumns())
    periodColumns_.push_back(static_cast<std::size_t>(spec.outputIndex(name)));
  for (const std::string& format : formats) {
    const std::string path = (directory / (spec.name() + "." + format)).string();
    writers_.push_back(dataset::makeWriter(format, spec, path, Durability::Scratch));
    writers_.back()->begin();
  }
}

namespace {
void widen(RowDates& dates, std::uint32_t from, std::uint32_t to) {
  if (from != 0 && (dates.from == 0 || from < dates.from)) dates.from = from;
  if (to > dates.to) dates.to = to;
}
}  // namespace

RowDates DatasetOutput::write(const std::vector<std::string_view>& columns) {
  for (auto& writer : writers_) writer->writeRow(columns.data(), columns.size());
  ++rows_;
  RowDates row;
  for (std::size_t column : periodColumns_) {
    const std::uint32_t date = state::packDate(columns[column]);
    widen(row, date, date);
  }
  widen(period_, row.from, row.to);
  return row;
}

Period DatasetOutput::period() const {
  Period period;
  period.widen(state::unpackDate(period_.from));
  period.widen(state::unpackDate(period_.to));
  return period;
}

void DatasetOutput::finish() {
  for (auto& writer : writers_) paths_.push_back(writer->finish().path);
}

void DatasetOutput::drop(const state::Deduplication& decided) {
  if (decided.duplicates == 0) return;
  for (std::size_t i = 0; i < writers_.size(); ++i)
    dataset::dropRecords(writers_[i]->format(), spec_, paths_.at(i), decided.dropped,
                         Durability::Scratch);
  rows_ -= decided.duplicates;
  period_ = {decided.from, decided.to};
}

std::vector<package::DatasetFileInput> DatasetOutput::files() const {
  std::vector<package::DatasetFileInput> files;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    const std::string format(writers_[i]->format());
    files.push_back({paths_.at(i), spec_.name() + "." + format, spec_.name(),
                     std::to_string(spec_.version()), format, rows_});
  }
  return files;
}

DatasetOutputs::DatasetOutputs(std::vector<std::string> formats, fs::path directory)
    : formats_(std::move(formats)), directory_(std::move(directory)) {}

DatasetOutput& DatasetOutputs::of(const dataset::DatasetSpec& spec) {
  auto& output = outputs_[spec.name()];
  if (!output) output = std::make_unique<DatasetOutput>(spec, formats_, directory_);
  return *output;
}

std::uint64_t DatasetOutputs::rows() const {
  std::uint64_t rows = 0;
  for (const auto& [name, output] : outputs_) rows += output->rows();
  return rows;
}

Period DatasetOutputs::period() const {
  Period period;
  for (const auto& [name, output] : outputs_) period.widen(output->period());
  return period;
}

void DatasetOutputs::finish() {
  for (auto& [name, output] : outputs_) output->finish();
}

std::vector<package::DatasetFileInput> DatasetOutputs::files() const {
  std::vector<package::DatasetFileInput> files;
  for (const auto& [name, output] : outputs_)
    for (auto& file : output->files()) files.push_back(std::move(file));
  return files;
}

}  // namespace brobyg::pipeline
