// Drives a plugin through its C descriptor as the host would: settings with the table's
// defaults filled in, create, check, pull, destroy. Header-only; no host code needed.
#pragma once

#include "CapturingSink.hpp"

#include <brobyg_plugin.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace brobyg::testing {

using SettingsMap = std::map<std::string, std::string>;

// Adds the table's default for every non-map key the caller did not set (the host's job).
inline SettingsMap withDefaults(const brobyg_setting_def* table, size_t count,
                                SettingsMap settings) {
  for (size_t i = 0; i < count; ++i) {
    const brobyg_setting_def& def = table[i];
    if (def.type != BROBYG_SETTING_MAP && def.default_value != nullptr)
      settings.emplace(def.key, def.default_value);
  }
  return settings;
}

// Owns the strings behind a brobyg_create_args and captures log lines.
class CreateArgs {
 public:
  CreateArgs(const SettingsMap& settings, const brobyg_dataset_def* dataset,
             std::string instanceId = "test", std::string workDir = "")
      : instanceId_(std::move(instanceId)), workDir_(std::move(workDir)) {
    for (const auto& [key, value] : settings) {
      keys_.push_back(key);
      values_.push_back(value);
    }
    for (size_t i = 0; i < keys_.size(); ++i)
      settings_.push_back({keys_[i].c_str(), values_[i].c_str()});
    args_.struct_size = sizeof(brobyg_create_args);
    args_.instance_id = instanceId_.c_str();
    args_.settings = settings_.data();
    args_.setting_count = settings_.size();
    args_.dataset = dataset;
    args_.work_dir = workDir_.c_str();
    args_.log = &CreateArgs::onLog;
    args_.host_ctx = this;
  }
  CreateArgs(const CreateArgs&) = delete;
  CreateArgs& operator=(const CreateArgs&) = delete;

  const brobyg_create_args* abi() const { return &args_; }
  const std::vector<std::string>& logLines() const { return log_; }

 private:
  static void onLog(void* ctx, uint32_t /*level*/, const char* message) {
    static_cast<CreateArgs*>(ctx)->log_.emplace_back(message);
  }

  std::string instanceId_;
  std::string workDir_;
  std::vector<std::string> keys_;
  std::vector<std::string> values_;
  std::vector<brobyg_setting> settings_;
  brobyg_create_args args_{};
  std::vector<std::string> log_;
};

// The outcome of one callback: return code and the text written into the error buffer.
struct CallResult {
  int code = BROBYG_OK;
  std::string error;
  bool ok() const { return code == BROBYG_OK; }
};

// One source instance created through the descriptor; destroyed with the object.
class SourceInstance {
 public:
  SourceInstance(const brobyg_plugin_descriptor* descriptor, const CreateArgs& args)
      : descriptor_(descriptor) {
    created_ =
        call([&](brobyg_error* e) { return descriptor_->create(args.abi(), &instance_, e); });
  }
  ~SourceInstance() {
    if (instance_ != nullptr) descriptor_->destroy(instance_);
  }
  SourceInstance(const SourceInstance&) = delete;
  SourceInstance& operator=(const SourceInstance&) = delete;

  const CallResult& created() const { return created_; }

  CallResult check() {
    requireInstance();
    return call([&](brobyg_error* e) { return descriptor_->check(instance_, e); });
  }

  CallResult pull(const std::optional<std::string>& cursor, CapturingSink& sink) {
    requireInstance();
    return call([&](brobyg_error* e) {
      return descriptor_->pull(instance_, cursor ? cursor->data() : nullptr,
                               cursor ? cursor->size() : 0, sink.abi(), e);
    });
  }

 private:
  template <typename F>
  static CallResult call(F&& f) {
    std::vector<char> buffer(1024, '\0');
    brobyg_error error{buffer.data(), buffer.size()};
    CallResult result;
    result.code = f(&error);
    result.error = buffer.data();
    return result;
  }
  void requireInstance() const {
    if (instance_ == nullptr) throw std::logic_error("create failed: " + created_.error);
  }

  const brobyg_plugin_descriptor* descriptor_;
  void* instance_ = nullptr;
  CallResult created_;
};

// One destination instance created through the descriptor; destroyed with the object.
class DestinationInstance {
 public:
  DestinationInstance(const brobyg_plugin_descriptor* descriptor, const CreateArgs& args)
      : descriptor_(descriptor) {
    created_ =
        call([&](brobyg_error* e) { return descriptor_->create(args.abi(), &instance_, e); }).first;
  }
  ~DestinationInstance() {
    if (instance_ != nullptr) descriptor_->destroy(instance_);
  }
  DestinationInstance(const DestinationInstance&) = delete;
  DestinationInstance& operator=(const DestinationInstance&) = delete;

  const CallResult& created() const { return created_; }

  CallResult check() {
    requireInstance();
    return call([&](brobyg_error* e) { return descriptor_->check(instance_, e); }).first;
  }

  // Delivers a file; the receipt is returned beside the call's result.
  std::pair<CallResult, std::string> deliver(const std::string& packageId, const std::string& path,
                                             std::uint64_t size, const std::string& sha256Hex,
                                             const std::string& fileName) {
    requireInstance();
    brobyg_package_ref ref{sizeof(brobyg_package_ref), packageId.c_str(), path.c_str(), size,
                           sha256Hex.c_str(),          fileName.c_str()};
    return call([&](brobyg_error* e) {
      return descriptor_->deliver(instance_, &ref, &DestinationInstance::onReceipt, &receipt_, e);
    });
  }

 private:
  static void onReceipt(void* ctx, const char* receipt, size_t size) {
    static_cast<std::string*>(ctx)->assign(receipt, size);
  }
  template <typename F>
  std::pair<CallResult, std::string> call(F&& f) {
    std::vector<char> buffer(1024, '\0');
    brobyg_error error{buffer.data(), buffer.size()};
    receipt_.clear();
    CallResult result;
    result.code = f(&error);
    result.error = buffer.data();
    return {result, receipt_};
  }
  void requireInstance() const {
    if (instance_ == nullptr) throw std::logic_error("create failed: " + created_.error);
  }

  const brobyg_plugin_descriptor* descriptor_;
  void* instance_ = nullptr;
  CallResult created_;
  std::string receipt_;
};

}  // namespace brobyg::testing
