#include "pipeline/stages/Write.h"

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

void DatasetOutput::write(const std::vector<std::string_view>& columns) {
  for (auto& writer : writers_) writer->writeRow(columns.data(), columns.size());
  ++rows_;
  for (std::size_t column : periodColumns_) period_.widen(columns[column]);
}

std::vector<package::DatasetFileInput> DatasetOutput::finish() {
  std::vector<package::DatasetFileInput> files;
  for (auto& writer : writers_) {
    dataset::WriteResult written = writer->finish();
    const std::string format(writer->format());
    files.push_back({written.path, spec_.name() + "." + format, spec_.name(),
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

std::vector<package::DatasetFileInput> DatasetOutputs::finish() {
  std::vector<package::DatasetFileInput> files;
  for (auto& [name, output] : outputs_)
    for (auto& file : output->finish()) files.push_back(std::move(file));
  return files;
}

}  // namespace brobyg::pipeline
