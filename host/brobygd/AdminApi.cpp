#include "AdminApi.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>

#include "AdminAuth.h"
#include "Scheduler.h"
#include "StatusPage.h"
#include "pipeline/StateLayout.h"
#include "state/StateStore.h"
#include "status/Checks.h"
#include "status/OutboxRetry.h"
#include "status/StatusJson.h"
#include "status/StatusMetrics.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Listen.h"

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace brobyg::daemon {

namespace {

constexpr int kRunsPerJob = 10;  // in /status.json and on the page
constexpr int kMaxRunsLimit = 500;

std::string error(const std::string& text) {
  return "{\"error\":" + status::jsonString(text) + "}";
}

// Who is asking: a script with the bearer token, or the status page with a session.
struct Caller {
  bool script = false;
  std::optional<AdminSessions::Session> session;
  bool known() const { return script || session.has_value(); }
};

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(AdminContext& context)
      : context_(context), runtime_(context.configuration.current()), config_(runtime_->config) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    try {
      handle(request, response);
    } catch (const Poco::SyntaxException&) {  // a request line or query Poco::URI cannot parse
      send(response, HTTPResponse::HTTP_BAD_REQUEST, error("malformed request URI"));
    } catch (const std::exception& e) {
      Poco::Logger::get("brobyg.admin").error(std::string("admin API: ") + e.what());
      send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, error("internal error"));
    }
  }

 private:
  void handle(HTTPServerRequest& request, HTTPServerResponse& response) {
    const Poco::URI uri(request.getURI());
    const std::string path = uri.getPath();
    const std::string& method = request.getMethod();
    const bool login = path == "/login" && method == HTTPServerRequest::HTTP_POST;
    // Only the login form has a body, and a small one (poco#4049: the server sets no limit).
    if (request.getChunkedTransferEncoding() ||
        (!login && request.hasContentLength() && request.getContentLength64() > 0))
      return send(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                  error("no request body is accepted"));
    if (path == "/health" && method == HTTPServerRequest::HTTP_GET)
      return send(response, HTTPResponse::HTTP_OK, "{\"status\":\"ok\"}");
    if (method == HTTPServerRequest::HTTP_GET)
      if (const PageAsset* asset = findPageAsset(path)) return page(response, *asset);
    const bool presentsToken = login || request.has("Authorization");
    if (presentsToken && throttled(response)) return;
    if (login) return logIn(request, response);
    const Caller caller = identify(request);
    if (presentsToken && !caller.script) tokenFailed();
    if (!caller.known()) {
      response.set("WWW-Authenticate", "Bearer");
      return send(response, HTTPResponse::HTTP_UNAUTHORIZED, error("token or session required"));
    }
    if (method == HTTPServerRequest::HTTP_POST && !caller.script && !csrfOk(request, caller))
      return send(response, HTTPResponse::HTTP_FORBIDDEN,
                  error("cross-site request refused: CSRF token and Origin required"));
    route(request, response, uri, caller);
  }

  void route(HTTPServerRequest& request, HTTPServerResponse& response, const Poco::URI& uri,
             const Caller& caller) {
    const std::string path = uri.getPath();
    const bool get = request.getMethod() == HTTPServerRequest::HTTP_GET;
    const bool post = request.getMethod() == HTTPServerRequest::HTTP_POST;
    if (get && path == "/session" && caller.session)
      return send(response, HTTPResponse::HTTP_OK,
                  "{\"csrf\":" + status::jsonString(caller.session->csrf) + "}");
    if (post && path == "/logout") return logOut(response, caller);
    if (get && path == "/metrics")
      return send(response, HTTPResponse::HTTP_OK, status::toPrometheus(model(0)),
                  "text/plain; version=0.0.4");
    if (get && path == "/status.json")
      return send(response, HTTPResponse::HTTP_OK, status::toJson(model(kRunsPerJob)));
    if (get && path == "/jobs")
      return send(response, HTTPResponse::HTTP_OK, status::jobsJson(model(1)));
    if (get && path == "/outbox")
      return send(response, HTTPResponse::HTTP_OK, status::outboxJson(model(0)));
    if (get && path == "/runs") return runs(response, uri);
    if (post && path == "/reload") return reload(response);
    if (post) {
      if (auto job = between(path, "/jobs/", "/run")) return runNow(response, *job);
      if (auto id = between(path, "/outbox/", "/retry")) return retry(response, *id);
    }
    send(response, HTTPResponse::HTTP_NOT_FOUND, error("not found"));
  }

  // The part of `path` between `prefix` and `suffix`, when it has that shape.
  static std::optional<std::string> between(const std::string& path, const std::string& prefix,
                                            const std::string& suffix) {
    if (path.size() <= prefix.size() + suffix.size() || path.rfind(prefix, 0) != 0 ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
      return std::nullopt;
    std::string part = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (part.find('/') != std::string::npos) return std::nullopt;
    return part;
  }

  // Answers 429 while the token-guessing brake is on (AuthThrottle.h); true when it did.
  bool throttled(HTTPServerResponse& response) {
    const std::int64_t wait = context_.throttle.waitSeconds(state::nowSeconds());
    if (wait == 0) return false;
    response.set("Retry-After", std::to_string(wait));
    send(response, HTTPResponse::HTTP_TOO_MANY_REQUESTS,
         error("too many wrong tokens: try again in " + std::to_string(wait) + " s"));
    return true;
  }

  void tokenFailed() {
    if (context_.throttle.failed(state::nowSeconds()))
      Poco::Logger::get("brobyg.admin")
          .warning("admin API: " + std::to_string(AuthThrottle::kBurst) +
                   " wrong tokens in a row; requests with a token are refused (429) for a while");
  }

  Caller identify(const HTTPServerRequest& request) {
    Caller caller;
    caller.script = admin_auth::bearerMatches(request, context_.token);
    const std::string cookie = admin_auth::sessionCookie(request);
    if (!caller.script && !cookie.empty() && admin_auth::loopbackHost(request))
      caller.session = context_.sessions.find(cookie, state::nowSeconds());
    return caller;
  }

  static bool csrfOk(const HTTPServerRequest& request, const Caller& caller) {
    return admin_auth::sameOrigin(request) &&
           AdminSessions::equal(request.get(admin_auth::kCsrfHeader, ""), caller.session->csrf);
  }

  status::Status model(int runsPerJob) {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    return status::collect(config_, store, context_.problemsOf(runtime_), state::nowSeconds(),
                           runsPerJob);
  }

  static void pageHeaders(HTTPServerResponse& response) {
    response.set("Content-Security-Policy", kPageSecurityPolicy);
    response.set("X-Frame-Options", "DENY");
    // Not no-referrer: with it browsers send "Origin: null" even on same-origin POSTs (Fetch
    // standard, "append a request Origin header"), and the CSRF check needs the origin.
    response.set("Referrer-Policy", "same-origin");
  }

  void page(HTTPServerResponse& response, const PageAsset& asset) {
    pageHeaders(response);
    send(response, HTTPResponse::HTTP_OK, std::string(asset.body), std::string(asset.contentType));
  }

  // The login form: the token file's token buys a session cookie. A cross-site form cannot
  // log a browser in (Origin), nor can a page reached under a foreign host name.
  void logIn(HTTPServerRequest& request, HTTPServerResponse& response) {
    Poco::Logger& log = Poco::Logger::get("brobyg.admin");
    if (!admin_auth::loopbackHost(request) || !admin_auth::sameOrigin(request))
      return send(response, HTTPResponse::HTTP_FORBIDDEN, error("cross-site login refused"));
    const auto token = admin_auth::loginToken(request, request.stream());
    if (!token || !AdminSessions::equal("Bearer " + *token, "Bearer " + context_.token)) {
      log.warning("status page: login refused (wrong token)");
      tokenFailed();
      pageHeaders(response);
      return send(response, HTTPResponse::HTTP_UNAUTHORIZED,
                  "<!doctype html><title>brobyg</title><p>Wrong token. <a href=\"/status\">Try "
                  "again</a></p>",
                  "text/html; charset=utf-8");
    }
    const auto session = context_.sessions.create(state::nowSeconds());
    log.information("status page: logged in");
    response.add("Set-Cookie", admin_auth::setCookie(session.id, AdminSessions::kLifetimeSeconds));
    response.set("Location", "/status");
    send(response, HTTPResponse::HTTP_SEE_OTHER, "", "text/plain");
  }

  void logOut(HTTPServerResponse& response, const Caller& caller) {
    if (caller.session) context_.sessions.remove(caller.session->id);
    response.add("Set-Cookie", admin_auth::setCookie("", 0));
    send(response, HTTPResponse::HTTP_OK, "{\"logged_out\":true}");
  }

  // GET /runs?job=ID&limit=N: the newest runs, of one job or of all, at most N (1..500).
  void runs(HTTPServerResponse& response, const Poco::URI& uri) {
    std::string job;
    int limit = 50;
    for (const auto& [key, value] : uri.getQueryParameters()) {
      if (key == "job") {
        job = value;
      } else if (key == "limit") {
        if (!Poco::NumberParser::tryParse(value, limit) || limit < 1 || limit > kMaxRunsLimit)
          return send(response, HTTPResponse::HTTP_BAD_REQUEST,
                      error("limit must be a number from 1 to " + std::to_string(kMaxRunsLimit)));
      } else {
        return send(response, HTTPResponse::HTTP_BAD_REQUEST, error("unknown parameter " + key));
      }
    }
    if (!job.empty() && config_.job(job) == nullptr)
      return send(response, HTTPResponse::HTTP_NOT_FOUND, error("no such job"));
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    std::vector<state::RunRecord> found;
    for (const config::JobConfig& j : config_.jobs) {
      if (!job.empty() && j.id != job) continue;
      auto more = store.runs(j.id, limit);
      found.insert(found.end(), more.begin(), more.end());
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
    if (found.size() > static_cast<std::size_t>(limit))
      found.resize(static_cast<std::size_t>(limit));
    std::string out = "[";
    for (const auto& r : found) out += (out.size() > 1 ? "," : "") + status::runJson(r);
    send(response, HTTPResponse::HTTP_OK, out + "]");
  }

  void runNow(HTTPServerResponse& response, const std::string& job) {
    if (config_.job(job) == nullptr)
      return send(response, HTTPResponse::HTTP_NOT_FOUND, error("no such job"));
    context_.scheduler.requestRun(job);
    send(response, HTTPResponse::HTTP_ACCEPTED, "{\"queued\":" + status::jsonString(job) + "}");
  }

  void retry(HTTPServerResponse& response, const std::string& id) {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    const status::Retry result = status::retryPackage(store, id);
    switch (result.outcome) {
      case status::RetryOutcome::Requeued:
        Poco::Logger::get("brobyg.admin").information("outbox: " + result.message);
        return send(response, HTTPResponse::HTTP_ACCEPTED,
                    "{\"requeued\":" + status::jsonString(id) + "}");
      case status::RetryOutcome::NoSuchPackage:
        return send(response, HTTPResponse::HTTP_NOT_FOUND, error(result.message));
      case status::RetryOutcome::NotRetryable:
        return send(response, HTTPResponse::HTTP_CONFLICT, error(result.message));
    }
  }

  // 200 when the new configuration is running; 422 with its problems when it was refused.
  void reload(HTTPServerResponse& response) {
    const Reloader::Outcome outcome = context_.configuration.reload();
    // Its check ran just now: the status needs no second one (a SIGHUP reload's is made at
    // the first request that needs it).
    if (outcome.reloaded) context_.remember(context_.configuration.current(), outcome.problems);
    send(response,
         outcome.reloaded ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
         std::string("{\"reloaded\":") + (outcome.reloaded ? "true" : "false") +
             ",\"problems\":" + status::problemsJson(outcome.problems) + "}");
  }

  static void send(HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                   const std::string& body, const std::string& type = "application/json") {
    response.setStatus(status);
    response.setContentType(type);
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.setKeepAlive(false);
    response.send() << body;
  }

  AdminContext& context_;
  const RuntimePtr runtime_;  // this request's configuration
  const config::Config& config_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(AdminContext& context) : context_(context) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(context_);
  }

 private:
  AdminContext& context_;
};

std::string readToken(const std::string& file) {
  requirePrivateFile(file, "admin token file");
  std::string token = readFile(file);
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.size() < 32) throw Error(file + ": admin token must be at least 32 characters");
  return token;
}

}  // namespace

AdminContext::AdminContext(Reloader& configuration_, Scheduler& scheduler_, std::string token_,
                           std::optional<Problems> startProblems)
    : configuration(configuration_), scheduler(scheduler_), token(std::move(token_)) {
  if (startProblems) remember(configuration.current(), std::move(*startProblems));
}

void AdminContext::remember(const RuntimePtr& runtime, Problems problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  std::lock_guard lock(mutex_);
  checked_ = runtime;
  problems_ = std::move(problems);
}

Problems AdminContext::problemsOf(const RuntimePtr& runtime) {
  std::lock_guard lock(mutex_);
  if (checked_ != runtime) {
    problems_ = status::checkProblems(runtime->config, runtime->registry);
    checked_ = runtime;
  }
  return problems_;
}

AdminApi::AdminApi(Reloader& configuration, Scheduler& scheduler,
                   std::optional<Problems> startProblems)
    : context_(std::make_unique<AdminContext>(
          configuration, scheduler,
          readToken(configuration.current()->config.service.adminTokenFile),
          std::move(startProblems))) {}

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
  Poco::Net::ServerSocket socket;
  listenExclusively(
      socket,
      Poco::Net::SocketAddress(context_->configuration.current()->config.service.adminListen), 64);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*context_), *pool_, socket, params);
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
