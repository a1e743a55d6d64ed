#pragma once

#include <memory>
#include <string>

#include "config/Config.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace brobyg::daemon {

class Scheduler;

// brobygd's admin HTTP API, on a loopback address with a bearer token read from a private
// file (DESIGN §7). Endpoints: GET /health (no token), GET /metrics (Prometheus text),
// GET /jobs, GET /outbox (JSON), POST /jobs/<id>/run (asks the scheduler to run a job now).
// Its own small thread pool and queue, short timeouts, and no request bodies
// (CHECKLIST "HTTP server").
class AdminApi {
 public:
  AdminApi(const config::Config& config, Scheduler& scheduler);
  ~AdminApi();
  AdminApi(const AdminApi&) = delete;
  AdminApi& operator=(const AdminApi&) = delete;

  void start();
  void stop();
  unsigned short port() const;

 private:
  const config::Config& config_;
  Scheduler& scheduler_;
  std::string token_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace brobyg::daemon
