#include "PgConnection.h"

#include "DatabaseErrors.h"
#include "PgParameters.h"
#include "SocketWait.h"

namespace brobyg::sql {
namespace {

using Clock = std::chrono::steady_clock;

// The server cancels a statement at statement_timeout; the client waits this much longer
// before it cancels and gives up itself (a server or network that no longer answers).
constexpr std::chrono::seconds kGrace{5};

constexpr const char* kSessionSettings =
    "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'Europe/Copenhagen'; "
    "SET client_encoding = 'UTF8'; SET IntervalStyle = 'postgres'";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Data exceptions (class 22) quote the value that failed, which may be a row's: never shown.
std::string messageOf(const PGresult* result, const std::string& state) {
  if (state.rfind("22", 0) == 0)
    return "a value the query converts is not valid for its type (SQLSTATE " + state +
           "; the value is not shown)";
  return trimmed(PQresultErrorMessage(result));
}

}  // namespace

PgConnection::PgConnection(const SqlConfig& config) : timeout_(config.queryTimeout) {
  const PgParameters parameters = PgParameters::of(config);
  const auto keywords = parameters.keywordArray();
  const auto values = parameters.valueArray();
  owner_.reset(PQconnectdbParams(keywords.data(), values.data(), 0));
  conn_ = owner_.get();
  if (conn_ == nullptr) throw PgFailure("libpq could not allocate a connection", true);
  if (PQstatus(conn_) != CONNECTION_OK) failConnection("connecting");
  // Only the primary message and position: a DETAIL line may quote a row's values.
  PQsetErrorVerbosity(conn_, PQERRORS_TERSE);
  execute(kSessionSettings);
}

void PgConnection::execute(const std::string& sql) {
  send(sql);
  while (PgResult part = next()) {
    const ExecStatusType status = PQresultStatus(part.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) failResult(part.get());
  }
}

void PgConnection::execute(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const std::string& value : params) values.push_back(value.c_str());
  if (PQsendQueryParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                        nullptr, nullptr, 0) == 0)
    failConnection("sending a statement");
  result();
}

void PgConnection::send(const std::string& sql) {
  if (PQsendQuery(conn_, sql.c_str()) == 0) failConnection("sending a statement");
}

PgResult PgConnection::result() {
  PgResult first = next();
  if (!first) failConnection("reading a result");
  const ExecStatusType status = PQresultStatus(first.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) failResult(first.get());
  while (PgResult rest = next()) {
    // One statement was sent: a further result can only be an error after its rows.
    if (PQresultStatus(rest.get()) == PGRES_FATAL_ERROR) failResult(rest.get());
  }
  return first;
}

PgResult PgConnection::next() {
  const auto deadline = Clock::now() + timeout_ + kGrace;
  while (PQisBusy(conn_) != 0) waitForInput(deadline);
  return PgResult(PQgetResult(conn_));
}

void PgConnection::waitForInput(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) timedOut();
  const int socket = PQsocket(conn_);
  if (socket < 0) failConnection("waiting for the server");
  const WaitResult ready = waitReadable(socket, static_cast<int>(left));
  if (ready == WaitResult::Failed) failConnection("waiting for the server");
  if (ready == WaitResult::Ready && PQconsumeInput(conn_) == 0)
    failConnection("reading from the server");
}

void PgConnection::failConnection(const std::string& what) {
  // A refused login is told apart by its message (DatabaseErrors.cpp): everything else that
  // breaks a connection may heal.
  throw PgFailure(trimmed(PQerrorMessage(conn_)) + " (" + what + ")", true);
}

void PgConnection::failResult(const PGresult* result) {
  const char* field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string state = field != nullptr ? field : "";
  // No SQLSTATE: libpq's own error, i.e. the connection broke.
  const bool temporary =
      state.empty() || isTemporarySqlState(state) || PQstatus(conn_) != CONNECTION_OK;
  throw PgFailure(messageOf(result, state), temporary);
}

void PgConnection::timedOut() {
  if (PGcancel* cancel = PQgetCancel(conn_)) {
    char error[256];
    PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
  }
  throw PgFailure("no answer from the server within query_timeout", true);
}

}  // namespace brobyg::sql
