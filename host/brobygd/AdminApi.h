#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "AdminSessions.h"
#include "AuthThrottle.h"
#include "Reloader.h"
#include "util/Problem.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace brobyg::daemon {

class Scheduler;

// What every admin request shares: the configuration, the scheduler, the token, the status
// page's sessions, and what `brobyg check` found in the running configuration (computed at
// start and once after each reload, never per request: plugin checks can take seconds).
struct AdminContext {
  AdminContext(Reloader& configuration, Scheduler& scheduler, std::string token,
               std::optional<Problems> startProblems);
  // Check's problems for `runtime`: the cached ones, or computed now for a new configuration.
  Problems problemsOf(const RuntimePtr& runtime);
  // Check's problems for `runtime`, found by whoever just loaded it (start, POST /reload).
  void remember(const RuntimePtr& runtime, Problems problems);

  Reloader& configuration;
  Scheduler& scheduler;
  const std::string token;
  AdminSessions sessions;
  AuthThrottle throttle;

 private:
  std::mutex mutex_;
  RuntimePtr checked_;  // the configuration `problems_` belong to
  Problems problems_;
};

// brobygd's admin HTTP API, on a loopback address (DESIGN §7). Scripts send the token file's
// token as a bearer token; the status page logs in with it and then uses a session cookie
// (AdminAuth.h). Endpoints (docs/operations.md): GET /health (no token), GET /metrics
// (Prometheus text), GET /status.json, /jobs, /outbox, /runs (JSON), POST /jobs/<id>/run,
// POST /outbox/<id>/retry, POST /reload; the page at / and /status with POST /login,
// POST /logout and GET /session. Each request answers from the configuration current when
// it arrived. Its own small thread pool and queue, short timeouts, and no request bodies but
// the login form's (CHECKLIST "HTTP server").
class AdminApi {
 public:
  // Listens where the configuration current at construction says (a reload cannot move it).
  // `startProblems`: what check found in that configuration at start (empty: check it at the
  // first request that needs it).
  AdminApi(Reloader& configuration, Scheduler& scheduler,
           std::optional<Problems> startProblems = std::nullopt);
  ~AdminApi();
  AdminApi(const AdminApi&) = delete;
  AdminApi& operator=(const AdminApi&) = delete;

  void start();
  void stop();
  unsigned short port() const;

 private:
  std::unique_ptr<AdminContext> context_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace brobyg::daemon
