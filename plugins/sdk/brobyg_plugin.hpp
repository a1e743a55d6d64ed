// Header-only C++ SDK over the brobyg plugin ABI (brobyg_plugin.h).
//
// A plugin author writes one class deriving from brobyg::sdk::Source or
// brobyg::sdk::Destination, a settings table, and one BROBYG_*_PLUGIN macro line. The SDK
// copies everything the host passes, and turns every exception into an error message in
// the host's buffer, so that nothing C++ crosses the boundary.
#pragma once

#include "brobyg_plugin.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace brobyg::sdk {

// A failure with a message for the admin. Never put row contents or identifiers in it.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A temporary failure: the host retries later instead of marking the run failed.
class RetryLater : public Error {
 public:
  using Error::Error;
};

// The validated settings of one instance. The host has already checked types, required keys
// and unknown keys against the table and filled in defaults.
class Settings {
 public:
  Settings() = default;
  Settings(const brobyg_setting* settings, size_t count) {
    for (size_t i = 0; i < count; ++i) values_[settings[i].key] = settings[i].value;
  }

  bool has(const std::string& key) const { return values_.count(key) != 0; }

  std::string string(const std::string& key, const std::string& fallback = {}) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
  }

  // The host has validated the value; anything else here is a bug, so it throws.
  std::int64_t integer(const std::string& key, std::int64_t fallback = 0) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    const std::string& text = it->second;
    const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
      throw Error("setting '" + key + "' is not a whole number");
    return value;
  }

  bool boolean(const std::string& key, bool fallback = false) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second == "true";
  }

  char character(const std::string& key, char fallback = '\0') const {
    auto it = values_.find(key);
    if (it == values_.end() || it->second.empty()) return fallback;
    return it->second == "\\t" ? '\t' : it->second[0];
  }

  // Entries of a BROBYG_SETTING_MAP setting: "<key>.<entry>" = value, in key order.
  std::vector<std::pair<std::string, std::string>> map(const std::string& key) const {
    std::vector<std::pair<std::string, std::string>> entries;
    const std::string prefix = key + ".";
    for (auto it = values_.lower_bound(prefix);
         it != values_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      entries.emplace_back(it->first.substr(prefix.size()), it->second);
    return entries;
  }

 private:
  std::map<std::string, std::string> values_;
};

struct Field {
  std::string name;
  brobyg_field_type type;
  bool required;
  std::vector<std::string> codes;
};

// The dataset a source produces, as the host defines it.
class Dataset {
 public:
  Dataset() = default;
  explicit Dataset(const brobyg_dataset_def* def) {
    if (def == nullptr) return;
    name_ = def->name;
    version_ = def->version;
    for (size_t i = 0; i < def->field_count; ++i) {
      const brobyg_field_def& f = def->fields[i];
      Field field{f.name,
                  static_cast<brobyg_field_type>(f.type),
                  (f.flags & BROBYG_FIELD_REQUIRED) != 0,
                  {}};
      if (f.codes != nullptr) {
        std::string_view codes(f.codes);
        while (!codes.empty()) {
          auto bar = codes.find('|');
          field.codes.emplace_back(codes.substr(0, bar));
          codes = bar == std::string_view::npos ? std::string_view{} : codes.substr(bar + 1);
        }
      }
      fields_.push_back(std::move(field));
    }
  }

  const std::string& name() const { return name_; }
  std::uint32_t version() const { return version_; }
  const std::vector<Field>& fields() const { return fields_; }
  std::optional<size_t> index(std::string_view field) const {
    for (size_t i = 0; i < fields_.size(); ++i)
      if (fields_[i].name == field) return i;
    return std::nullopt;
  }

 private:
  std::string name_;
  std::uint32_t version_ = 0;
  std::vector<Field> fields_;
};

// What a plugin instance is created with; owns copies of everything.
class Context {
 public:
  explicit Context(const brobyg_create_args* args)
      : instanceId_(args->instance_id ? args->instance_id : ""),
        settings_(args->settings, args->setting_count),
        dataset_(args->dataset),
        workDir_(args->work_dir ? args->work_dir : ""),
        log_(args->log),
        hostCtx_(args->host_ctx) {}

  const std::string& instanceId() const { return instanceId_; }
  const Settings& settings() const { return settings_; }
  const Dataset& dataset() const { return dataset_; }
  const std::string& workDir() const { return workDir_; }

  void log(brobyg_log_level level, const std::string& message) const {
    if (log_ != nullptr) log_(hostCtx_, level, message.c_str());
  }
  void info(const std::string& message) const { log(BROBYG_LOG_INFO, message); }
  void warning(const std::string& message) const { log(BROBYG_LOG_WARNING, message); }

 private:
  std::string instanceId_;
  Settings settings_;
  Dataset dataset_;
  std::string workDir_;
  brobyg_log_fn log_;
  void* hostCtx_;
};

// The host's sink for a source's rows.
class RowSink {
 public:
  explicit RowSink(const brobyg_row_sink* sink) : sink_(sink) {}

  // Hands over one row (one value per dataset field). False: the host asks to stop.
  bool row(const brobyg_str* values, size_t count, const char* origin) const {
    return sink_->row(sink_->ctx, values, count, origin) == BROBYG_OK;
  }
  void reject(const std::string& origin, const std::string& reason, std::string_view raw) const {
    sink_->reject(sink_->ctx, origin.c_str(), reason.c_str(), raw.data(), raw.size());
  }
  void cursor(std::string_view cursor) const {
    sink_->cursor(sink_->ctx, cursor.data(), cursor.size());
  }

 private:
  const brobyg_row_sink* sink_;
};

struct PackageRef {
  std::string packageId;
  std::string path;
  std::uint64_t size;
  std::string sha256Hex;
  std::string fileName;
};

class Source {
 public:
  explicit Source(const Context& context) : context_(context) {}
  virtual ~Source() = default;
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  virtual void check() {}
  virtual void pull(const std::optional<std::string>& cursor, const RowSink& sink) = 0;

 protected:
  const Context& context() const { return context_; }

 private:
  Context context_;
};

class Destination {
 public:
  explicit Destination(const Context& context) : context_(context) {}
  virtual ~Destination() = default;
  Destination(const Destination&) = delete;
  Destination& operator=(const Destination&) = delete;

  virtual void check() {}
  // Delivers the package and returns the receipt text. Must be idempotent by packageId.
  virtual std::string deliver(const PackageRef& package) = 0;

 protected:
  const Context& context() const { return context_; }

 private:
  Context context_;
};

namespace detail {

inline void writeError(brobyg_error* error, const char* message) {
  if (error == nullptr || error->buffer == nullptr || error->capacity == 0) return;
  std::strncpy(error->buffer, message, error->capacity - 1);
  error->buffer[error->capacity - 1] = '\0';
}

// Runs f and maps exceptions to the ABI's return codes.
template <typename F>
int guarded(brobyg_error* error, F&& f) noexcept {
  try {
    f();
    return BROBYG_OK;
  } catch (const RetryLater& e) {
    writeError(error, e.what());
    return BROBYG_RETRY_LATER;
  } catch (const std::exception& e) {
    writeError(error, e.what());
    return BROBYG_FAILED;
  } catch (...) {
    writeError(error, "unknown exception in plugin");
    return BROBYG_FAILED;
  }
}

template <typename T>
struct SourceThunks {
  static int create(const brobyg_create_args* args, void** instance, brobyg_error* error) {
    return guarded(error, [&] { *instance = new T(Context(args)); });
  }
  static int check(void* instance, brobyg_error* error) {
    return guarded(error, [&] { static_cast<T*>(instance)->check(); });
  }
  static int pull(void* instance, const char* cursor, size_t cursorSize,
                  const brobyg_row_sink* sink, brobyg_error* error) {
    return guarded(error, [&] {
      std::optional<std::string> c;
      if (cursor != nullptr) c.emplace(cursor, cursorSize);
      static_cast<T*>(instance)->pull(c, RowSink(sink));
    });
  }
  static void destroy(void* instance) { delete static_cast<T*>(instance); }
};

template <typename T>
struct DestinationThunks {
  static int create(const brobyg_create_args* args, void** instance, brobyg_error* error) {
    return guarded(error, [&] { *instance = new T(Context(args)); });
  }
  static int check(void* instance, brobyg_error* error) {
    return guarded(error, [&] { static_cast<T*>(instance)->check(); });
  }
  static int deliver(void* instance, const brobyg_package_ref* p, brobyg_receipt_fn receipt,
                     void* receiptCtx, brobyg_error* error) {
    return guarded(error, [&] {
      PackageRef ref{p->package_id, p->path, p->size, p->sha256_hex, p->file_name};
      std::string text = static_cast<T*>(instance)->deliver(ref);
      receipt(receiptCtx, text.data(), text.size());
    });
  }
  static void destroy(void* instance) { delete static_cast<T*>(instance); }
};

}  // namespace detail
}  // namespace brobyg::sdk

#define BROBYG_SDK_DESCRIPTOR_(NAME, VERSION, DESCRIPTION, KIND, SAFETY, TABLE, CREATE, CHECK, \
                               PULL, DELIVER, DESTROY)                                         \
  extern "C" BROBYG_PLUGIN_EXPORT const brobyg_plugin_descriptor* brobyg_plugin_entry(void) {  \
    static const brobyg_plugin_descriptor descriptor = {BROBYG_ABI_MAJOR,                      \
                                                        BROBYG_ABI_MINOR,                      \
                                                        sizeof(brobyg_plugin_descriptor),      \
                                                        NAME,                                  \
                                                        VERSION,                               \
                                                        DESCRIPTION,                           \
                                                        KIND,                                  \
                                                        SAFETY,                                \
                                                        TABLE,                                 \
                                                        sizeof(TABLE) / sizeof((TABLE)[0]),    \
                                                        CREATE,                                \
                                                        CHECK,                                 \
                                                        PULL,                                  \
                                                        DELIVER,                               \
                                                        DESTROY};                              \
    return &descriptor;                                                                        \
  }

// Declares a source plugin. TABLE is a static array of brobyg_setting_def. The plugin is
// declared not thread-safe; BROBYG_SOURCE_PLUGIN_SAFETY says otherwise.
#define BROBYG_SOURCE_PLUGIN(CLASS, NAME, VERSION, DESCRIPTION, TABLE) \
  BROBYG_SOURCE_PLUGIN_SAFETY(CLASS, NAME, VERSION, DESCRIPTION, TABLE, BROBYG_NOT_THREAD_SAFE)

#define BROBYG_SOURCE_PLUGIN_SAFETY(CLASS, NAME, VERSION, DESCRIPTION, TABLE, SAFETY)   \
  BROBYG_SDK_DESCRIPTOR_(NAME, VERSION, DESCRIPTION, BROBYG_KIND_SOURCE, SAFETY, TABLE, \
                         &brobyg::sdk::detail::SourceThunks<CLASS>::create,             \
                         &brobyg::sdk::detail::SourceThunks<CLASS>::check,              \
                         &brobyg::sdk::detail::SourceThunks<CLASS>::pull, nullptr,      \
                         &brobyg::sdk::detail::SourceThunks<CLASS>::destroy)

// Declares a destination plugin (not thread-safe; see BROBYG_DESTINATION_PLUGIN_SAFETY).
#define BROBYG_DESTINATION_PLUGIN(CLASS, NAME, VERSION, DESCRIPTION, TABLE) \
  BROBYG_DESTINATION_PLUGIN_SAFETY(CLASS, NAME, VERSION, DESCRIPTION, TABLE, BROBYG_NOT_THREAD_SAFE)

#define BROBYG_DESTINATION_PLUGIN_SAFETY(CLASS, NAME, VERSION, DESCRIPTION, TABLE, SAFETY)   \
  BROBYG_SDK_DESCRIPTOR_(NAME, VERSION, DESCRIPTION, BROBYG_KIND_DESTINATION, SAFETY, TABLE, \
                         &brobyg::sdk::detail::DestinationThunks<CLASS>::create,             \
                         &brobyg::sdk::detail::DestinationThunks<CLASS>::check, nullptr,     \
                         &brobyg::sdk::detail::DestinationThunks<CLASS>::deliver,            \
                         &brobyg::sdk::detail::DestinationThunks<CLASS>::destroy)
