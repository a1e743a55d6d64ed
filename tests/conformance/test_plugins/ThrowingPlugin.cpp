// A source plugin whose every callback throws, and whose pull emits rows, rejects and a
// cursor before failing: the host must turn each failure into an error with the plugin's
// text, and no exception may cross the boundary.
#include <brobyg_plugin.hpp>

namespace {

const brobyg_setting_def kSettings[] = {
    {"mode", BROBYG_SETTING_CHOICE, 0, "ok",
     "ok|throw_create|throw_check|throw_pull|retry_pull|"
     "throw_unknown",
     "Which callback should fail."},
    {"rows", BROBYG_SETTING_INT, 0, "3", nullptr, "Rows to emit before failing."},
};

struct NotAStdException {};

class ThrowingSource : public brobyg::sdk::Source {
 public:
  explicit ThrowingSource(const brobyg::sdk::Context& context)
      : Source(context), mode_(context.settings().string("mode")) {
    if (mode_ == "throw_create") throw brobyg::sdk::Error("create refused on purpose");
  }

  void check() override {
    if (mode_ == "throw_check") throw brobyg::sdk::Error("check failed on purpose");
  }

  void pull(const std::optional<std::string>& cursor, const brobyg::sdk::RowSink& sink) override {
    const auto& fields = context().dataset().fields();
    std::vector<std::string> storage(fields.size(), "x");
    std::vector<brobyg_str> values;
    for (const auto& s : storage) values.push_back({s.data(), s.size()});
    auto rows = context().settings().integer("rows");
    for (std::int64_t i = 0; i < rows; ++i)
      if (!sink.row(values.data(), values.size(), ("test:" + std::to_string(i + 1)).c_str()))
        return;
    sink.reject("test:99", "rejected on purpose", "raw row");
    sink.cursor(cursor.value_or("") + "+");
    if (mode_ == "throw_pull") throw brobyg::sdk::Error("pull failed on purpose");
    if (mode_ == "retry_pull") throw brobyg::sdk::RetryLater("source busy, try later");
    if (mode_ == "throw_unknown") throw NotAStdException{};
  }

 private:
  std::string mode_;
};

}  // namespace

BROBYG_SOURCE_PLUGIN(ThrowingSource, "throwing", "1.0.0",
                     "Test plugin that fails on purpose in a chosen callback.", kSettings)
