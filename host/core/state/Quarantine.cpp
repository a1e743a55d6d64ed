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

Quarantine::Quarantine(std::string directory, std::string name)
    : directory_(std::move(directory)), name_(std::move(name)) {}

Quarantine::~Quarantine() = default;

std::string Quarantine::finalPath() const {
  return (std::filesystem::path(directory_) / (name_ + ".csv")).string();
}

std::string Quarantine::partialPath() const {
  return (std::filesystem::path(directory_) / ("." + name_ + ".csv.partial")).string();
}

void Quarantine::add(std::string_view source, std::string_view origin, std::string_view reason,
                     std::string_view raw) {
  if (!file_) {
    createPrivateDirectory(directory_);
    file_ = std::make_unique<OutputFile>(partialPath(), true);
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

void Quarantine::prepare() {
  if (!file_) return;
  file_->close();
  file_.reset();
  syncDirectory(directory_);
  prepared_ = true;
}

void Quarantine::publish() {
  if (!prepared_) return;
  durableRename(partialPath(), finalPath());
}

void Quarantine::discard() {
  if (!file_ && !prepared_) return;
  file_.reset();
  prepared_ = false;
  std::error_code ec;
  std::filesystem::remove(partialPath(), ec);
}

void Quarantine::recoverAbandoned(const std::string& directory, const std::string& prefix,
                                  const std::function<bool(const std::string&)>& committed) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) return;
  const std::string start = "." + prefix;
  const std::string suffix = ".csv.partial";
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    std::string file = entry.path().filename().string();
    if (file.rfind(start, 0) != 0 || file.size() <= start.size() + suffix.size() ||
        file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    std::string runName = file.substr(1, file.size() - 1 - suffix.size());
    if (committed(runName)) {
      durableRename(entry.path().string(),
                    (std::filesystem::path(directory) / (runName + ".csv")).string());
    } else {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace brobyg::state
