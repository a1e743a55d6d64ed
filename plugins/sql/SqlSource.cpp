#include "SqlSource.h"

#include "Database.h"

namespace brobyg::sql {

SqlSource::SqlSource(const sdk::Context& context)
    : sdk::Source(context),
      config_(SqlConfig::fromSettings(context.settings())),
      mapping_(config_, context.settings(), context.dataset()) {}

SqlCursor SqlSource::startFrom(const std::optional<std::string>& cursor) const {
  if (!cursor || cursor->empty()) return {config_.initialWatermark, config_.initialKey};
  auto parsed = SqlCursor::parse(*cursor);
  if (!parsed)
    throw sdk::Error(
        "the stored cursor is not one this sql plugin wrote; reset the source's cursor "
        "(operations guide) to read from initial_watermark again");
  return *parsed;
}

void SqlSource::check() {
  const auto database = openDatabase(config_);
  RowMapping mapping(config_, context().settings(), context().dataset());
  database->query({config_.initialWatermark, config_.initialKey}, [&](const ResultBatch& batch) {
    mapping.bind(batch);
    return false;
  });
}

void SqlSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  SqlCursor position = startFrom(cursor);
  const auto database = openDatabase(config_);
  std::size_t rows = 0;
  bool stopped = false;
  database->query(position, [&](const ResultBatch& batch) {
    if (!mapping_.bound()) mapping_.bind(batch);
    if (!mapping_.deliver(batch, position, rows, sink)) {
      stopped = true;
      return false;
    }
    sink.cursor(position.serialise());
    return true;
  });
  if (!stopped) context().info("sql: read " + std::to_string(rows) + " row(s)");
}

}  // namespace brobyg::sql
