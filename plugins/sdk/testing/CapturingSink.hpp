// A brobyg_row_sink that keeps everything a source hands over, for tests. Header-only.
#pragma once

#include "Rfc4180.hpp"

#include <brobyg_plugin.h>

#include <optional>
#include <string>
#include <vector>

namespace brobyg::testing {

struct CapturedRow {
  std::vector<std::string> values;  // one per dataset field; "" = absent
  std::string origin;
};

struct CapturedReject {
  std::string origin;
  std::string reason;
  std::string raw;
};

class CapturingSink {
 public:
  CapturingSink() {
    sink_.struct_size = sizeof(brobyg_row_sink);
    sink_.ctx = this;
    sink_.row = &CapturingSink::onRow;
    sink_.reject = &CapturingSink::onReject;
    sink_.cursor = &CapturingSink::onCursor;
  }
  CapturingSink(const CapturingSink&) = delete;
  CapturingSink& operator=(const CapturingSink&) = delete;

  const brobyg_row_sink* abi() const { return &sink_; }

  // After this many accepted rows, row() answers BROBYG_FAILED (the host asks to stop).
  void stopAfter(size_t rows) { stopAfter_ = rows; }

  const std::vector<CapturedRow>& rows() const { return rows_; }
  const std::vector<CapturedReject>& rejects() const { return rejects_; }
  const std::vector<std::string>& cursors() const { return cursors_; }
  std::optional<std::string> lastCursor() const {
    return cursors_.empty() ? std::nullopt : std::optional<std::string>(cursors_.back());
  }

  // Rows as RFC 4180 text, preceded by a header line when `header` is not empty.
  std::string rowsCsv(const std::vector<std::string>& header = {}) const {
    std::string out = header.empty() ? std::string() : csvLine(header);
    for (const CapturedRow& row : rows_) out += csvLine(row.values);
    return out;
  }

  // Rejects as "origin<TAB>reason" lines.
  std::string rejectsText() const {
    std::string out;
    for (const CapturedReject& r : rejects_) out += r.origin + "\t" + r.reason + "\n";
    return out;
  }

 private:
  static int onRow(void* ctx, const brobyg_str* values, size_t count, const char* origin) {
    auto* self = static_cast<CapturingSink*>(ctx);
    if (self->stopAfter_ && self->rows_.size() >= *self->stopAfter_) return BROBYG_FAILED;
    CapturedRow row;
    row.origin = origin != nullptr ? origin : "";
    for (size_t i = 0; i < count; ++i) row.values.emplace_back(values[i].data, values[i].size);
    self->rows_.push_back(std::move(row));
    return BROBYG_OK;
  }
  static void onReject(void* ctx, const char* origin, const char* reason, const char* raw,
                       size_t rawSize) {
    auto* self = static_cast<CapturingSink*>(ctx);
    self->rejects_.push_back({origin, reason, std::string(raw, rawSize)});
  }
  static void onCursor(void* ctx, const char* cursor, size_t size) {
    static_cast<CapturingSink*>(ctx)->cursors_.emplace_back(cursor, size);
  }

  brobyg_row_sink sink_{};
  std::optional<size_t> stopAfter_;
  std::vector<CapturedRow> rows_;
  std::vector<CapturedReject> rejects_;
  std::vector<std::string> cursors_;
};

}  // namespace brobyg::testing
