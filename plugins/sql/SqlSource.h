// The sql source: runs the configured query for the rows after the cursor's (watermark,
// key) and delivers them batch by batch, recording the cursor after each batch.
#pragma once

#include "RowMapping.h"
#include "SqlConfig.h"
#include "SqlCursor.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::sql {

class SqlSource : public sdk::Source {
 public:
  explicit SqlSource(const sdk::Context& context);

  // Connects and runs the query for its first batch, binding the configured columns.
  void check() override;
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  SqlCursor startFrom(const std::optional<std::string>& cursor) const;

  SqlConfig config_;
  RowMapping mapping_;
};

}  // namespace brobyg::sql
