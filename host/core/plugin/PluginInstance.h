#pragma once

#include <brobyg_plugin.h>

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/PluginLibrary.h"
#include "plugin/SettingsValidator.h"
#include "util/Error.h"

namespace brobyg::plugin {

// A plugin call that failed, carrying the plugin's own message behind the instance label.
class PluginError : public Error {
 public:
  PluginError(const std::string& message, bool retryLater)
      : Error(message), retryLater_(retryLater) {}
  bool retryLater() const { return retryLater_; }

 private:
  bool retryLater_;
};

// What the host does with a source's output. Exceptions thrown here are caught at the
// boundary, stop the pull, and are rethrown from PluginInstance::pull.
class RowHandler {
 public:
  virtual ~RowHandler() = default;
  virtual void row(const brobyg_str* values, std::size_t count, const char* origin) = 0;
  virtual void reject(const char* origin, const char* reason, std::string_view raw) = 0;
  virtual void cursor(std::string_view cursor) = 0;
};

// One created instance of a plugin (a configured source or destination).
class PluginInstance {
 public:
  // `label` names the instance in messages, e.g. "source 'skole' (plugin csv)".
  PluginInstance(std::shared_ptr<PluginLibrary> library, std::string instanceId, std::string label,
                 const ValidatedSettings& settings, const brobyg_dataset_def* dataset,
                 const std::string& workDir);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  const std::string& id() const { return instanceId_; }
  const std::string& label() const { return label_; }
  const PluginLibrary& library() const { return *library_; }
  // `text` with every secret setting's value replaced by "(secret)": what the plugin says
  // (errors, log lines, reject reasons) passes through here before it is printed or stored.
  std::string redact(std::string_view text) const;

  void check();
  void pull(const std::optional<std::string>& cursor, RowHandler& handler);
  // Returns the destination's receipt.
  std::string deliver(const brobyg_package_ref& package);

 private:
  [[noreturn]] void fail(int rc, const char* what, const char* message) const;

  std::shared_ptr<PluginLibrary> library_;
  std::string instanceId_;
  std::string label_;
  std::vector<std::string> secrets_;
  void* instance_ = nullptr;
};

}  // namespace brobyg::plugin
