#include "AdminApi.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <openssl/crypto.h>

#include <map>
#include <sstream>

#include "Scheduler.h"
#include "pipeline/JobRunner.h"
#include "pipeline/StateLayout.h"
#include "state/StateStore.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace brobyg::daemon {

namespace {

std::string json(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Reloader& configuration, Scheduler& scheduler, const std::string& token)
      : configuration_(configuration),
        runtime_(configuration.current()),
        config_(runtime_->config),
        scheduler_(scheduler),
        token_(token) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    try {
      handle(request, response);
    } catch (const std::exception& e) {
      Poco::Logger::get("brobyg.admin").error(std::string("admin API: ") + e.what());
      send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "{\"error\":\"internal error\"}");
    }
  }

 private:
  void handle(HTTPServerRequest& request, HTTPServerResponse& response) {
    const std::string& path = request.getURI();
    const std::string& method = request.getMethod();
    // No endpoint takes a body (poco#4049: the server sets no limit of its own).
    if (request.hasContentLength() && request.getContentLength64() > 0)
      return send(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                  "{\"error\":\"no request body is accepted\"}");
    if (path == "/health" && method == "GET")
      return send(response, HTTPResponse::HTTP_OK, "{\"status\":\"ok\"}");
    if (!authorised(request)) {
      response.set("WWW-Authenticate", "Bearer");
      return send(response, HTTPResponse::HTTP_UNAUTHORIZED, "{\"error\":\"token required\"}");
    }
    if (path == "/metrics" && method == "GET")
      return send(response, HTTPResponse::HTTP_OK, metrics(), "text/plain; version=0.0.4");
    if (path == "/jobs" && method == "GET") return send(response, HTTPResponse::HTTP_OK, jobs());
    if (path == "/outbox" && method == "GET")
      return send(response, HTTPResponse::HTTP_OK, outbox());
    if (path == "/reload" && method == "POST") return reload(response);
    const std::string prefix = "/jobs/", suffix = "/run";
    if (method == "POST" && path.rfind(prefix, 0) == 0 &&
        path.size() > prefix.size() + suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
      if (config_.job(id) == nullptr)
        return send(response, HTTPResponse::HTTP_NOT_FOUND, "{\"error\":\"no such job\"}");
      scheduler_.requestRun(id);
      return send(response, HTTPResponse::HTTP_ACCEPTED, "{\"queued\":" + json(id) + "}");
    }
    send(response, HTTPResponse::HTTP_NOT_FOUND, "{\"error\":\"not found\"}");
  }

  bool authorised(HTTPServerRequest& request) const {
    const std::string header = request.get("Authorization", "");
    const std::string expected = "Bearer " + token_;
    return header.size() == expected.size() &&
           CRYPTO_memcmp(header.data(), expected.data(), expected.size()) == 0;
  }

  std::string metrics() {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    std::ostringstream out;
    out << "# HELP brobyg_runs_total Runs of a job by outcome.\n# TYPE brobyg_runs_total counter\n";
    auto totals = store.runTotals();
    for (const auto& t : totals)
      out << "brobyg_runs_total{job=" << json(t.job) << ",status=" << json(t.status) << "} "
          << t.runs << "\n";
    out << "# HELP brobyg_rows_total Rows by job and fate.\n# TYPE brobyg_rows_total counter\n";
    std::map<std::string, state::RunSummary> rows;
    for (const auto& t : totals) {
      rows[t.job].rowsRead += t.rows.rowsRead;
      rows[t.job].rowsRejected += t.rows.rowsRejected;
      rows[t.job].rowsWritten += t.rows.rowsWritten;
      rows[t.job].rowsDuplicate += t.rows.rowsDuplicate;
    }
    for (const auto& [job, r] : rows) {
      out << "brobyg_rows_total{job=" << json(job) << ",kind=\"read\"} " << r.rowsRead << "\n";
      out << "brobyg_rows_total{job=" << json(job) << ",kind=\"rejected\"} " << r.rowsRejected
          << "\n";
      out << "brobyg_rows_total{job=" << json(job) << ",kind=\"written\"} " << r.rowsWritten
          << "\n";
      out << "brobyg_rows_total{job=" << json(job) << ",kind=\"duplicate\"} " << r.rowsDuplicate
          << "\n";
    }
    out << "# HELP brobyg_outbox_packages Packages in the outbox by state.\n"
           "# TYPE brobyg_outbox_packages gauge\n";
    std::map<std::string, int> states{
        {"staged", 0}, {"sending", 0}, {"retry", 0}, {"delivered", 0}, {"failed", 0}};
    for (const auto& e : store.outbox()) ++states[state::toString(e.state)];
    for (const auto& [name, count] : states)
      out << "brobyg_outbox_packages{state=\"" << name << "\"} " << count << "\n";
    out << "# HELP brobyg_disclosures_total Entries in the disclosure register.\n"
           "# TYPE brobyg_disclosures_total counter\n"
        << "brobyg_disclosures_total " << store.disclosures().size() << "\n";
    return out.str();
  }

  std::string jobs() {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    std::string out = "[";
    for (const config::JobConfig& job : config_.jobs) {
      if (out.size() > 1) out += ",";
      out += "{\"id\":" + json(job.id) + ",\"schedule\":" + json(job.schedule) +
             ",\"legal_basis_expires\":" + json(job.legalBasis.expires);
      auto last = store.runs(job.id, 1);
      if (!last.empty()) {
        const state::RunSummary& s = last[0].summary;
        out += ",\"last_run\":{\"started\":" + json(last[0].startedAt) +
               ",\"status\":" + json(s.status) + ",\"read\":" + std::to_string(s.rowsRead) +
               ",\"rejected\":" + std::to_string(s.rowsRejected) +
               ",\"written\":" + std::to_string(s.rowsWritten) +
               ",\"duplicates\":" + std::to_string(s.rowsDuplicate) +
               ",\"package\":" + json(s.packageId) + "}";
      }
      out += "}";
    }
    return out + "]";
  }

  // 200 when the new configuration is running; 422 with its problems when it was refused.
  void reload(HTTPServerResponse& response) {
    const Reloader::Outcome outcome = configuration_.reload();
    std::string problems = "[";
    for (const auto& p : outcome.problems) {
      if (problems.size() > 1) problems += ",";
      problems += "{\"line\":" + std::to_string(p.line) +
                  ",\"severity\":" + json(p.isWarning() ? "warning" : "error") +
                  ",\"message\":" + json(p.message) + "}";
    }
    problems += "]";
    send(response,
         outcome.reloaded ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
         std::string("{\"reloaded\":") + (outcome.reloaded ? "true" : "false") +
             ",\"problems\":" + problems + "}");
  }

  std::string outbox() {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    std::string out = "[";
    for (const auto& e : store.outbox()) {
      if (out.size() > 1) out += ",";
      out += "{\"package\":" + json(e.packageId) + ",\"job\":" + json(e.job) +
             ",\"destination\":" + json(e.destination) +
             ",\"state\":" + json(state::toString(e.state)) +
             ",\"attempts\":" + std::to_string(e.attempts) +
             ",\"bytes\":" + std::to_string(e.size) + ",\"last_error\":" + json(e.lastError) + "}";
    }
    return out + "]";
  }

  static void send(HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                   const std::string& body, const std::string& type = "application/json") {
    response.setStatus(status);
    response.setContentType(type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.setKeepAlive(false);
    response.send() << body;
  }

  Reloader& configuration_;
  const RuntimePtr runtime_;  // this request's configuration
  const config::Config& config_;
  Scheduler& scheduler_;
  const std::string& token_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Reloader& configuration, Scheduler& scheduler, const std::string& token)
      : configuration_(configuration), scheduler_(scheduler), token_(token) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(configuration_, scheduler_, token_);
  }

 private:
  Reloader& configuration_;
  Scheduler& scheduler_;
  const std::string& token_;
};

}  // namespace

AdminApi::AdminApi(Reloader& configuration, Scheduler& scheduler)
    : configuration_(configuration), scheduler_(scheduler) {
  const config::Config& config = configuration.current()->config;
  requirePrivateFile(config.service.adminTokenFile, "admin token file");
  token_ = readFile(config.service.adminTokenFile);
  while (!token_.empty() && (token_.back() == '\n' || token_.back() == '\r')) token_.pop_back();
  if (token_.size() < 32)
    throw Error(config.service.adminTokenFile + ": admin token must be at least 32 characters");
}

AdminApi::~AdminApi() {
  stop();
}

void AdminApi::start() {
  // Own pool and queue (poco#3839, #580), short socket timeouts (poco#1442, #1311).
  pool_ = std::make_unique<Poco::ThreadPool>(1, 2, 60);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(2);
  params->setMaxQueued(16);
  params->setTimeout(Poco::Timespan(5, 0));
  params->setKeepAlive(false);
  Poco::Net::ServerSocket socket(
      Poco::Net::SocketAddress(configuration_.current()->config.service.adminListen));
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(configuration_, scheduler_, token_),
                                                    *pool_, socket, params);
  server_->start();
}

void AdminApi::stop() {
  if (server_) {
    server_->stopAll(true);
    server_.reset();
  }
  if (pool_) {
    pool_->joinAll();
    pool_.reset();
  }
}

unsigned short AdminApi::port() const {
  return server_ ? server_->port() : 0;
}

}  // namespace brobyg::daemon
