#include "RowMapping.h"

#include "ColumnText.h"

#include <algorithm>
#include <cctype>

namespace brobyg::sql {
namespace {

using MC = Poco::Data::MetaColumn;

std::string folded(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<std::size_t> findColumn(const Poco::Data::RecordSet& result,
                                      const std::string& name) {
  const std::string wanted = folded(name);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < result.columnCount(); ++i) {
    if (folded(result.columnName(i)) != wanted) continue;
    if (found) throw sdk::Error("the query returns column '" + name + "' more than once");
    found = i;
  }
  return found;
}

std::size_t requireColumn(const Poco::Data::RecordSet& result, const std::string& name,
                          const std::string& setting) {
  auto column = findColumn(result, name);
  if (!column)
    throw sdk::Error("setting " + setting + ": the query returns no column '" + name + "'");
  return *column;
}

// A cursor column must read back as the same value, or rows would be lost or read twice.
void requireExact(const Poco::Data::RecordSet& result, std::size_t column,
                  const std::string& setting) {
  const MC::ColumnDataType type = result.columnType(column);
  if (!isExactType(type))
    throw sdk::Error("setting " + setting + ": column '" + result.columnName(column) + "' is a " +
                     typeName(type) +
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

void RowMapping::bind(const Poco::Data::RecordSet& result) {
  for (std::size_t f = 0; f < rules_.size(); ++f) {
    if (!rules_.fromSource(f)) continue;
    Bound bound;
    bound.column = requireColumn(result, rules_.place(f), "column." + rules_.name(f));
    const MC::ColumnDataType type = result.columnType(bound.column);
    if (type == MC::FDT_BLOB)
      throw sdk::Error("setting column." + rules_.name(f) + ": column '" + rules_.place(f) +
                       "' is binary; select it as text");
    bound.dateFromTimestamp = types_[f] == BROBYG_FIELD_DATE && type == MC::FDT_TIMESTAMP;
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
  texts_.assign(rules_.size(), std::string());
  values_.assign(rules_.size(), brobyg_str{nullptr, 0});
  bound_ = true;
}

bool RowMapping::cell(const Poco::Data::RecordSet& batch, std::size_t column, std::size_t row,
                      const std::string& label, std::string& out, std::string& reason) const {
  if (columnText(batch.value(column, row), out)) return true;
  reason = label + ": binary value";
  return false;
}

// The mapped columns as read, ';'-separated: what the quarantine keeps of a rejected row.
std::string RowMapping::rawRow(const Poco::Data::RecordSet& batch, std::size_t row) const {
  std::string raw;
  std::string text;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    if (!fields_[f]) continue;
    if (!raw.empty()) raw += ';';
    if (columnText(batch.value(fields_[f]->column, row), text)) raw += text;
  }
  return raw;
}

bool RowMapping::deliver(const Poco::Data::RecordSet& batch, SqlCursor& cursor,
                         std::size_t& rowNumber, const sdk::RowSink& sink) {
  for (std::size_t row = 0; row < batch.rowCount(); ++row) {
    const std::string origin = "query row " + std::to_string(++rowNumber);
    bool ok = cell(batch, watermarkColumn_, row, "column '" + config_.watermarkColumn + "'",
                   watermark_, reason_) &&
              cell(batch, keyColumn_, row, "column '" + config_.keyColumn + "'", key_, reason_);
    if (ok && (watermark_.empty() || key_.empty())) {
      // The query's WHERE never returns such a row after the first run: it cannot be a cursor.
      reason_ = "column '" + (watermark_.empty() ? config_.watermarkColumn : config_.keyColumn) +
                "' (the cursor) is empty";
      sink.reject(origin, reason_, rawRow(batch, row));
      continue;
    }
    if (watermark_.size() > kMaxCursorValueBytes || key_.size() > kMaxCursorValueBytes)
      throw sdk::Error("settings watermark_column and key_column: a value is over " +
                       std::to_string(kMaxCursorValueBytes) + " bytes (" + origin + ")");
    for (std::size_t f = 0; ok && f < fields_.size(); ++f) {
      if (!fields_[f]) {
        values_[f] = rules_.fixed(f);
        continue;
      }
      ok = cell(batch, fields_[f]->column, row, rules_.label(f), texts_[f], reason_);
      if (ok && fields_[f]->dateFromTimestamp && texts_[f].size() > 10) texts_[f].resize(10);
      if (ok) ok = rules_.convert(f, texts_[f], values_[f], reason_);
    }
    if (ok) {
      if (!sink.row(values_.data(), values_.size(), origin.c_str())) return false;
    } else {
      sink.reject(origin, reason_, rawRow(batch, row));
    }
    cursor.watermark = watermark_;
    cursor.key = key_;
  }
  return true;
}

}  // namespace brobyg::sql
