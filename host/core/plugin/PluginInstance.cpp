#include "plugin/PluginInstance.h"

#include "util/IdentifierMask.h"

#include <Poco/Logger.h>

#include <array>
#include <cstring>
#include <vector>

namespace brobyg::plugin {

namespace {

constexpr std::size_t kErrorCapacity = 2048;
constexpr std::string_view kRedacted = "(secret)";

void logFromPlugin(void* hostCtx, uint32_t level, const char* message) {
  auto* self = static_cast<PluginInstance*>(hostCtx);
  Poco::Logger& logger = Poco::Logger::get("brobyg.plugin." + self->id());
  std::string text = self->redact(message != nullptr ? message : "");
  switch (level) {
    case BROBYG_LOG_ERROR:
      logger.error(text);
      break;
    case BROBYG_LOG_WARNING:
      logger.warning(text);
      break;
    case BROBYG_LOG_INFO:
      logger.information(text);
      break;
    default:
      logger.debug(text);
      break;
  }
}

struct SinkState {
  RowHandler* handler;
  const PluginInstance* instance;
  std::exception_ptr failure;
};

// No field of a standard dataset comes near this; a bigger value is a plugin's mistake.
constexpr std::size_t kMaxValueBytes = 64 * 1024;

int sinkRow(void* ctx, const brobyg_str* values, size_t count, const char* origin) {
  auto* state = static_cast<SinkState*>(ctx);
  if (state->failure) return BROBYG_FAILED;
  try {
    // A malformed row from the plugin goes to quarantine, not through the host.
    if (values == nullptr && count > 0) {
      state->handler->reject(origin != nullptr ? origin : "", "plugin passed no values", {});
      return BROBYG_OK;
    }
    for (size_t i = 0; i < count; ++i) {
      if ((values[i].data == nullptr && values[i].size > 0) || values[i].size > kMaxValueBytes) {
        state->handler->reject(origin != nullptr ? origin : "",
                               "plugin passed a value without data or over 64 KiB", {});
        return BROBYG_OK;
      }
    }
    state->handler->row(values, count, origin != nullptr ? origin : "");
    return BROBYG_OK;
  } catch (...) {
    state->failure = std::current_exception();
    return BROBYG_FAILED;
  }
}

void sinkReject(void* ctx, const char* origin, const char* reason, const char* raw, size_t size) {
  auto* state = static_cast<SinkState*>(ctx);
  if (state->failure) return;
  try {
    const std::string why = state->instance->redact(reason != nullptr ? reason : "");
    state->handler->reject(origin != nullptr ? origin : "", why.c_str(),
                           raw != nullptr ? std::string_view(raw, size) : std::string_view());
  } catch (...) {
    state->failure = std::current_exception();
  }
}

void sinkCursor(void* ctx, const char* cursor, size_t size) {
  auto* state = static_cast<SinkState*>(ctx);
  if (state->failure) return;
  try {
    state->handler->cursor(cursor != nullptr ? std::string_view(cursor, size) : std::string_view());
  } catch (...) {
    state->failure = std::current_exception();
  }
}

void receiptInto(void* ctx, const char* receipt, size_t size) {
  if (receipt == nullptr) size = 0;
  static_cast<std::string*>(ctx)->assign(receipt != nullptr ? receipt : "", size);
}

}  // namespace

PluginInstance::PluginInstance(std::shared_ptr<PluginLibrary> library, std::string instanceId,
                               std::string label, const ValidatedSettings& settings,
                               const brobyg_dataset_def* dataset, const std::string& workDir)
    : library_(std::move(library)),
      instanceId_(std::move(instanceId)),
      label_(std::move(label)),
      secrets_(settings.secrets) {
  std::vector<brobyg_setting> abiSettings;
  abiSettings.reserve(settings.values.size());
  for (const auto& [key, value] : settings.values)
    abiSettings.push_back({key.c_str(), value.c_str()});
  brobyg_create_args args{};
  args.struct_size = sizeof(args);
  args.instance_id = instanceId_.c_str();
  args.settings = abiSettings.data();
  args.setting_count = abiSettings.size();
  args.dataset = dataset;
  args.work_dir = workDir.c_str();
  args.log = &logFromPlugin;
  args.host_ctx = this;
  std::array<char, kErrorCapacity> error{};
  brobyg_error err{error.data(), error.size()};
  int rc = library_->descriptor().create(&args, &instance_, &err);
  if (rc != BROBYG_OK || instance_ == nullptr) fail(rc, "cannot start", error.data());
}

PluginInstance::~PluginInstance() {
  if (instance_ != nullptr) library_->descriptor().destroy(instance_);
}

void PluginInstance::fail(int rc, const char* what, const char* message) const {
  std::string text = label_ + ": " + what;
  // The plugin may have filled the buffer without a terminator: never read past it.
  std::string_view reason(message != nullptr ? message : "",
                          message != nullptr ? ::strnlen(message, kErrorCapacity - 1) : 0);
  if (!reason.empty())
    text += ": " + maskIdentifiers(redact(reason));
  else
    text += " (the plugin gave no reason)";
  throw PluginError(text, rc == BROBYG_RETRY_LATER);
}

std::string PluginInstance::redact(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    for (std::size_t at = out.find(secret); at != std::string::npos;
         at = out.find(secret, at + kRedacted.size()))
      out.replace(at, secret.size(), kRedacted);
  }
  return out;
}

void PluginInstance::check() {
  std::array<char, kErrorCapacity> error{};
  brobyg_error err{error.data(), error.size()};
  int rc = library_->descriptor().check(instance_, &err);
  if (rc != BROBYG_OK) fail(rc, "check failed", error.data());
}

void PluginInstance::pull(const std::optional<std::string>& cursor, RowHandler& handler) {
  SinkState state{&handler, this, nullptr};
  brobyg_row_sink sink{sizeof(brobyg_row_sink), &state, &sinkRow, &sinkReject, &sinkCursor};
  std::array<char, kErrorCapacity> error{};
  brobyg_error err{error.data(), error.size()};
  int rc = library_->descriptor().pull(instance_, cursor ? cursor->data() : nullptr,
                                       cursor ? cursor->size() : 0, &sink, &err);
  if (state.failure) std::rethrow_exception(state.failure);
  if (rc != BROBYG_OK) fail(rc, "reading failed", error.data());
}

std::string PluginInstance::deliver(const brobyg_package_ref& package) {
  std::string receipt;
  std::array<char, kErrorCapacity> error{};
  brobyg_error err{error.data(), error.size()};
  int rc = library_->descriptor().deliver(instance_, &package, &receiptInto, &receipt, &err);
  if (rc != BROBYG_OK) fail(rc, "delivery failed", error.data());
  return receipt;
}

}  // namespace brobyg::plugin
