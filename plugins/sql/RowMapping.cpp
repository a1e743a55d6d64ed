#include "RowMapping.h"

#include <algorithm>
#include <cctype>

namespace brobyg::sql {
namespace {

std::string folded(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<std::size_t> findColumn(const ResultBatch& result, const std::string& name) {
  const std::string wanted = folded(name);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < result.columnCount(); ++i) {
    if (folded(result.columnName(i)) != wanted) continue;
    if (found) throw sdk::Error("the query returns column '" + name + "' more than once");
    found = i;
  }
  return found;
}

std::size_t requireColumn(const ResultBatch& result, const std::string& name,
                          const std::string& setting) {
  auto column = findColumn(result, name);
  if (!column)
    throw sdk::Error("setting " + setting + ": the query returns no column '" + name + "'");
  return *column;
}

// A cursor column must read back as the same value, or rows would be lost or read twice.
void requireExact(const ResultBatch& result, std::size_t column, const std::string& setting) {
  const ColumnKind kind = result.columnKind(column);
  if (!isExactKind(kind))
    throw sdk::Error("setting " + setting + ": column '" + result.columnName(column) + "' is a " +
                     kindName(kind) +
                     " column; select it as text or a whole number (e.g. CAST(changed_at AS "
                     "TEXT) AS changed_at) so that the cursor keeps its exact value");
}

}  // namespace

RowMapping::RowMapping(const SqlConfig& config, const sdk::Settings& settings,
                       const sdk::Dataset& dataset)
    : config_(config), rules_(settings, dataset, "column", "column") {
  for (const sdk::Field& field : dataset.fields()) types_.push_back(field.type);
  fields_.resize(rules_.size());
}

void RowMapping::bind(const ResultBatch& result) {
  for (std::size_t f = 0; f < rules_.size(); ++f) {
    if (!rules_.fromSource(f)) continue;
    Bound bound;
    bound.column = requireColumn(result, rules_.place(f), "column." + rules_.name(f));
    const ColumnKind kind = result.columnKind(bound.column);
    if (kind == ColumnKind::Binary)
      throw sdk::Error("setting column." + rules_.name(f) + ": column '" + rules_.place(f) +
                       "' is binary; select it as text");
    bound.dateFromTimestamp = types_[f] == BROBYG_FIELD_DATE && kind == ColumnKind::Timestamp;
    rules_.setLabel(f, "column '" + result.columnName(bound.column) + "'");
    fields_[f] = bound;
  }
  watermarkColumn_ = requireColumn(result, config_.watermarkColumn, "watermark_column");
  keyColumn_ = requireColumn(result, config_.keyColumn, "key_column");
  requireExact(result, watermarkColumn_, "watermark_column");
  requireExact(result, keyColumn_, "key_column");
  // The cursor is stored and shown in clear (state database, run records): never a CPR.
  for (std::size_t f = 0; f < rules_.size(); ++f) {
    if (!fields_[f] || types_[f] != BROBYG_FIELD_PERSON) continue;
    for (const auto& [column, setting] :
         {std::pair{watermarkColumn_, "watermark_column"}, std::pair{keyColumn_, "key_column"}})
      if (fields_[f]->column == column)
        throw sdk::Error(std::string("setting ") + setting + ": must not be the person column (" +
                         "column." + rules_.name(f) +
                         "): the cursor is kept in clear; use the "
                         "row's own id");
  }
  watermarkLabel_ = "column '" + config_.watermarkColumn + "'";
  keyLabel_ = "column '" + config_.keyColumn + "'";
  values_.assign(rules_.size(), brobyg_str{nullptr, 0});
  bound_ = true;
}

bool RowMapping::cell(const ResultBatch& batch, std::size_t column, std::size_t row,
                      const std::string& label, std::string_view& out) {
  if (batch.text(column, row, out)) return true;
  reason_ = label + ": binary value";
  return false;
}

bool RowMapping::cursorOf(const ResultBatch& batch, std::size_t row) {
  std::string_view text;
  if (!cell(batch, watermarkColumn_, row, watermarkLabel_, text)) return false;
  watermark_.assign(text);
  if (!cell(batch, keyColumn_, row, keyLabel_, text)) return false;
  key_.assign(text);
  if (watermark_.empty() || key_.empty()) {
    // The query's WHERE never returns such a row after the first run: it cannot be a cursor.
    reason_ = (watermark_.empty() ? watermarkLabel_ : keyLabel_) + " (the cursor) is empty";
    return false;
  }
  return true;
}

// The mapped columns as read, ';'-separated: what the quarantine keeps of a rejected row.
std::string RowMapping::rawRow(const ResultBatch& batch, std::size_t row) const {
  std::string raw;
  std::string_view text;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    if (!fields_[f]) continue;
    if (!raw.empty()) raw += ';';
    if (batch.text(fields_[f]->column, row, text)) raw += text;
  }
  return raw;
}

bool RowMapping::deliver(const ResultBatch& batch, SqlCursor& cursor, std::size_t& rowNumber,
                         const sdk::RowSink& sink) {
  std::string_view text;
  for (std::size_t row = 0; row < batch.rowCount(); ++row) {
    origin_.assign("query row ").append(std::to_string(++rowNumber));
    if (!cursorOf(batch, row)) {
      sink.reject(origin_, reason_, rawRow(batch, row));
      continue;
    }
    if (watermark_.size() > kMaxCursorValueBytes || key_.size() > kMaxCursorValueBytes)
      throw sdk::Error("settings watermark_column and key_column: a value is over " +
                       std::to_string(kMaxCursorValueBytes) + " bytes (" + origin_ + ")");
    bool ok = true;
    for (std::size_t f = 0; ok && f < fields_.size(); ++f) {
      if (!fields_[f]) {
        values_[f] = rules_.fixed(f);
        continue;
      }
      ok = cell(batch, fields_[f]->column, row, rules_.label(f), text);
      if (ok && fields_[f]->dateFromTimestamp) text = text.substr(0, 10);
      if (ok) ok = rules_.convert(f, text, values_[f], reason_);
    }
    if (ok) {
      if (!sink.row(values_.data(), values_.size(), origin_.c_str())) return false;
    } else {
      sink.reject(origin_, reason_, rawRow(batch, row));
    }
    cursor.watermark = watermark_;
    cursor.key = key_;
  }
  return true;
}

}  // namespace brobyg::sql
