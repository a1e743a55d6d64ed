#include "Database.h"

#include "PgDatabase.h"
#include "PocoDatabase.h"

namespace brobyg::sql {

std::unique_ptr<Database> openDatabase(const SqlConfig& config) {
  if (config.connector == Connector::PostgreSql) return std::make_unique<PgDatabase>(config);
  return std::make_unique<PocoDatabase>(config);
}

std::vector<std::string> queryParameters(const SqlConfig& config, const SqlCursor& from) {
  std::vector<std::string> params;
  for (const std::string& name : config.query.params)
    params.push_back(name == "watermark" ? from.watermark : from.key);
  return params;
}

}  // namespace brobyg::sql
