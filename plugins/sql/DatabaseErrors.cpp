#include "DatabaseErrors.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/ODBC/ODBCException.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace brobyg::sql {
namespace {

namespace pd = Poco::Data;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

template <std::size_t N>
bool mentions(const std::string& message, const std::array<const char*, N>& words) {
  const std::string text = lower(message);
  return std::any_of(words.begin(), words.end(),
                     [&](const char* word) { return text.find(word) != std::string::npos; });
}

// Driver messages that mean "busy, locked or gone", as libpq, SQLite and the common ODBC
// drivers word them. Only a fallback: exception types, SQLSTATEs and the time taken decide
// first, as messages may be translated.
bool soundsTemporary(const std::string& message) {
  static constexpr std::array<const char*, 10> kWords = {"timeout",
                                                         "timed out",
                                                         "canceling statement",
                                                         "could not obtain lock",
                                                         "deadlock",
                                                         "database is locked",
                                                         "server closed",
                                                         "terminating connection",
                                                         "connection refused",
                                                         "shutting down"};
  return mentions(message, kWords);
}

// Messages that mean the configuration is wrong, whatever the exception: retrying a refused
// login or a database that does not exist would only fill the log.
bool soundsRefused(const std::string& message) {
  static constexpr std::array<const char*, 8> kWords = {"authentication",
                                                        "password",
                                                        "login failed",
                                                        "pg_hba.conf",
                                                        "does not exist",
                                                        "permission denied",
                                                        "data source name not found",
                                                        "no such"};
  return mentions(message, kWords);
}

template <typename Diagnostics>
bool hasTemporaryState(const Diagnostics& diagnostics) {
  for (int i = 0; i < diagnostics.count(); ++i)
    if (isTemporarySqlState(diagnostics.sqlState(i))) return true;
  return false;
}

[[noreturn]] void raise(const SqlConfig& config, Stage stage, bool temporary,
                        const std::string& message) {
  if (soundsRefused(message)) temporary = false;
  const std::string text =
      stage == Stage::Connect
          ? "cannot connect to the database (setting connection): " + config.scrub(message)
          : "the database refused or failed the query (setting query): " + config.scrub(message);
  if (temporary) throw sdk::RetryLater(text + "; retried later");
  throw sdk::Error(text);
}

}  // namespace

bool isTemporarySqlState(const std::string& state) {
  if (state.rfind("08", 0) == 0) return true;  // connection exceptions
  // 53300 too many connections; 57P01-03 the server shutting down, crashed or starting.
  static constexpr std::array<const char*, 11> kStates = {"HYT00", "HYT01", "HY008", "40001",
                                                          "40P01", "57014", "55P03", "57P01",
                                                          "57P02", "57P03", "53300"};
  return std::find(kStates.begin(), kStates.end(), state) != kStates.end();
}

void rethrowAsPluginError(const SqlConfig& config, Stage stage,
                          std::chrono::steady_clock::duration elapsed) {
  // A call that ran into the configured timeout was waiting on a lock or a busy server.
  const bool slow = elapsed >= config.queryTimeout - std::chrono::milliseconds(500);
  try {
    throw;
  } catch (const sdk::Error&) {
    throw;
  } catch (const pd::ConnectionFailedException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::NotConnectedException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::SessionUnavailableException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const PgFailure& e) {
    raise(config, stage, e.temporary(), e.what());
  } catch (const pd::SQLite::DBLockedException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::SQLite::TableLockedException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::SQLite::CantOpenDBFileException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::SQLite::IOErrorException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::SQLite::InterruptException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const pd::ODBC::ConnectionException& e) {
    raise(config, stage, hasTemporaryState(e.diagnostics()) || soundsTemporary(e.message()),
          e.displayText());
  } catch (const pd::ODBC::StatementException& e) {
    raise(config, stage, slow || hasTemporaryState(e.diagnostics()) || soundsTemporary(e.message()),
          e.displayText());
  } catch (const Poco::SyntaxException&) {
    // Poco's SQLite client parses columns declared DATE or TIMESTAMP itself and stops the
    // whole fetch at a value it cannot read (a bad row must not stop the good ones).
    raise(config, stage, false,
          "a column declared DATE or TIMESTAMP holds a value that is not a date; select such "
          "columns as text (CAST(x AS TEXT) AS x) so that a bad value quarantines its row");
  } catch (const Poco::TimeoutException& e) {
    raise(config, stage, true, e.displayText());
  } catch (const Poco::Exception& e) {
    raise(config, stage, slow || stage == Stage::Connect || soundsTemporary(e.displayText()),
          e.displayText());
  } catch (const std::exception& e) {
    raise(config, stage, slow, e.what());
  }
}

}  // namespace brobyg::sql
