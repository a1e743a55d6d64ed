#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace brobyg::cli {

// The command line after Poco's option processing: the command word, the remaining
// positional arguments and the options given (long name → value; "" for flags).
struct Invocation {
  std::string command;
  std::vector<std::string> args;
  std::map<std::string, std::string> options;  // a repeated option: its last value
  std::map<std::string, std::vector<std::string>> values;  // every value, in order

  std::vector<std::string> all(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
  }

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  // The option's value; throws UsageError when it is missing.
  std::string require(const std::string& name) const;
};

class UsageError : public std::exception {
 public:
  explicit UsageError(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

}  // namespace brobyg::cli

namespace brobyg::config {
struct Config;
}

namespace brobyg::cli {

// The configuration named by --config. A file with problems throws config::ConfigError and
// an unreadable one UsageError: both exit 2, as configuration errors.
config::Config loadConfiguration(const Invocation& in);

int pluginsCommand(const Invocation& in, std::ostream& out);
int checkCommand(const Invocation& in, std::ostream& out);
int runCommand(const Invocation& in, std::ostream& out);
int keygenCommand(const Invocation& in, std::ostream& out);
int keyExportCommand(const Invocation& in, std::ostream& out);
int keyImportCommand(const Invocation& in, std::ostream& out);
int pseudonymCommand(const Invocation& in, std::istream& input, std::ostream& out);
int openCommand(const Invocation& in, std::ostream& out);
int outboxCommand(const Invocation& in, std::ostream& out);
int runsCommand(const Invocation& in, std::ostream& out);
int statusCommand(const Invocation& in, std::ostream& out);
int auditCommand(const Invocation& in, std::ostream& out);

}  // namespace brobyg::cli
