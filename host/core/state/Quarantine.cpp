#include "state/Quarantine.h"

#include <filesystem>

#include "util/FileSecurity.h"

namespace brobyg::state {

namespace {
void appendField(std::string& line, std::string_view value) {
  line.push_back('"');
  for (char c : value) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}
}  // namespace

Quarantine::Quarantine(std::string directory, std::string runName)
    : directory_(std::move(directory)), runName_(std::move(runName)) {}

void Quarantine::add(std::string_view source, std::string_view origin, std::string_view reason,
                     std::string_view raw) {
  if (!file_) {
    createPrivateDirectory(directory_);
    auto path = (std::filesystem::path(directory_) / (runName_ + ".csv")).string();
    file_ = std::make_unique<OutputFile>(path, true);
    file_->write("source,origin,reason,raw\r\n");
  }
  line_.clear();
  appendField(line_, source);
  line_.push_back(',');
  appendField(line_, origin);
  line_.push_back(',');
  appendField(line_, reason);
  line_.push_back(',');
  appendField(line_, raw);
  line_.append("\r\n");
  file_->write(line_);
  ++count_;
}

void Quarantine::close() {
  if (file_) file_->close();
}

}  // namespace brobyg::state
