#include "Database.h"

#include "DatabaseErrors.h"

#include <Poco/Data/ODBC/Connector.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Statement.h>

#include <filesystem>
#include <mutex>

namespace brobyg::sql {
namespace {

namespace pd = Poco::Data;
using namespace Poco::Data::Keywords;
using Clock = std::chrono::steady_clock;

constexpr const char* kCursorName = "brobyg_rows";

// Runs `call`; a failure leaves as sdk::RetryLater or sdk::Error (DatabaseErrors.h).
template <typename Call>
auto guarded(const SqlConfig& config, Stage stage, Call&& call) {
  const auto start = Clock::now();
  try {
    return call();
  } catch (...) {
    rethrowAsPluginError(config, stage, Clock::now() - start);
  }
}

std::size_t seconds(const SqlConfig& config) {
  return static_cast<std::size_t>(config.queryTimeout.count());
}

// SQLite would create a missing file (and read an empty database): a wrong path must say so.
void requireSqliteFile(const SqlConfig& config) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config.connection, ec))
    throw sdk::Error("setting connection: the SQLite database file '" + config.connection +
                     "' does not exist or is not a file");
}

}  // namespace

void registerConnectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    pd::SQLite::Connector::registerConnector();
    pd::PostgreSQL::Connector::registerConnector();
    pd::ODBC::Connector::registerConnector();
  });
}

Database::Database(const SqlConfig& config) : config_(config) {
  registerConnectors();
  if (config_.connector == Connector::Sqlite) requireSqliteFile(config_);
  session_ = guarded(config_, Stage::Connect, [&] {
    std::string connection = config_.connectionWithPassword();
    if (config_.connector == Connector::PostgreSql &&
        connection.find("connect_timeout") == std::string::npos)
      connection += " connect_timeout=" + std::to_string(seconds(config_));
    auto session =
        std::make_unique<pd::Session>(config_.connectorName(), connection, seconds(config_));
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

void Database::query(const SqlCursor& from, const BatchHandler& onBatch) {
  std::vector<std::string> params;
  for (const std::string& name : config_.query.params)
    params.push_back(name == "watermark" ? from.watermark : from.key);
  if (config_.connector == Connector::PostgreSql)
    queryWithCursor(params, onBatch);
  else
    queryStepped(params, onBatch);
}

// PostgreSQL: a read-only transaction with a server-side cursor; each FETCH brings one batch.
void Database::queryWithCursor(std::vector<std::string>& params, const BatchHandler& onBatch) {
  pd::Session& session = *session_;
  const std::string timeout = std::to_string(config_.queryTimeout.count() * 1000);
  guarded(config_, Stage::Query, [&] {
    session.begin();
    session << "SET TRANSACTION READ ONLY", now;
    session << "SET LOCAL statement_timeout = " + timeout, now;
    session << "SET LOCAL lock_timeout = " + timeout, now;
    pd::Statement declare(session);
    declare << "DECLARE " + std::string(kCursorName) + " NO SCROLL CURSOR FOR " +
                   config_.query.text;
    for (std::string& value : params) declare, use(value);
    declare.execute();
  });
  const std::string fetch =
      "FETCH FORWARD " + std::to_string(config_.batchSize) + " FROM " + kCursorName;
  for (;;) {
    auto batch = guarded(config_, Stage::Query, [&] {
      pd::Statement statement(session);
      statement << fetch;
      statement.execute();
      return std::make_unique<pd::RecordSet>(statement);
    });
    if (batch->rowCount() == 0 || !onBatch(*batch)) break;
    if (batch->rowCount() < config_.batchSize) break;
  }
  guarded(config_, Stage::Query, [&] { session.commit(); });
}

// SQLite and ODBC: one statement, stepped batch_size rows at a time.
void Database::queryStepped(std::vector<std::string>& params, const BatchHandler& onBatch) {
  pd::Statement statement(*session_);
  statement << config_.query.text;
  for (std::string& value : params) statement, use(value);
  statement, limit(config_.batchSize);
  for (;;) {
    auto batch = guarded(config_, Stage::Query, [&] {
      statement.execute();
      return std::make_unique<pd::RecordSet>(statement);
    });
    if (batch->rowCount() == 0 || !onBatch(*batch)) break;
    if (statement.done()) break;
  }
}

}  // namespace brobyg::sql
