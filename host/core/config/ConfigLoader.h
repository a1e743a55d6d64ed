#pragma once

#include <string>
#include <vector>

#include "config/Config.h"
#include "util/Error.h"

namespace brobyg::config {

// Thrown by loadConfig when the file has problems; what() lists every one as file:line.
class ConfigError : public Error {
 public:
  ConfigError(const std::string& file, std::vector<Problem> problems);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

// Reads the configuration file (schemas/config.xsd) into a Config, collecting every
// structural problem (unknown or missing elements and attributes, duplicate ids, references
// to undefined ids, bad values) instead of stopping at the first. Relative paths are made
// absolute against the file's folder.
Config parseConfig(const std::string& path, std::vector<Problem>& problems);

// parseConfig that throws ConfigError when there is any problem that is not a warning.
Config loadConfig(const std::string& path);

}  // namespace brobyg::config
