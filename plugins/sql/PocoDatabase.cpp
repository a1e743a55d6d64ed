#include "PocoDatabase.h"

#include "DatabaseErrors.h"
#include "PocoBatch.h"

#include <Poco/Data/ODBC/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Statement.h>

#include <brobyg_path.hpp>

#include <filesystem>
#include <mutex>

namespace brobyg::sql {
namespace {

namespace pd = Poco::Data;
using namespace Poco::Data::Keywords;

// Registers Poco::Data's SQLite and ODBC connectors once.
void registerConnectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    pd::SQLite::Connector::registerConnector();
    pd::ODBC::Connector::registerConnector();
  });
}

std::size_t seconds(const SqlConfig& config) {
  return static_cast<std::size_t>(config.queryTimeout.count());
}

// SQLite would create a missing file (and read an empty database): a wrong path must say so.
void requireSqliteFile(const SqlConfig& config) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(sdk::pathFromUtf8(config.connection), ec))
    throw sdk::Error("setting connection: the SQLite database file '" + config.connection +
                     "' does not exist or is not a file");
}

}  // namespace

PocoDatabase::PocoDatabase(const SqlConfig& config) : config_(config) {
  registerConnectors();
  if (config_.connector == Connector::Sqlite) requireSqliteFile(config_);
  session_ = guarded(config_, Stage::Connect, [&] {
    auto session = std::make_unique<pd::Session>(
        config_.connectorName(), config_.connectionWithPassword(), seconds(config_));
    if (config_.connector == Connector::Odbc)
      session->setProperty("queryTimeout", static_cast<int>(seconds(config_)));
    if (config_.connector == Connector::Sqlite) {
      // The source only reads; a lock held by the case system is waited for up to the timeout.
      *session << "PRAGMA query_only = ON", now;
      *session << "PRAGMA busy_timeout = " + std::to_string(seconds(config_) * 1000), now;
    }
    return session;
  });
}

void PocoDatabase::query(const SqlCursor& from, const BatchHandler& onBatch) {
  // Bound by reference: they outlive the statement.
  std::vector<std::string> params = queryParameters(config_, from);
  pd::Statement statement(*session_);
  statement << config_.query.text;
  for (std::string& value : params) statement, use(value);
  statement, limit(config_.batchSize);
  for (;;) {
    auto records = guarded(config_, Stage::Query, [&] {
      statement.execute();
      return std::make_unique<pd::RecordSet>(statement);
    });
    if (records->rowCount() == 0 || !onBatch(PocoBatch(*records))) break;
    if (statement.done()) break;
  }
}

}  // namespace brobyg::sql
