#pragma once

#include <memory>
#include <string>

#include "Reloader.h"

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
// GET /jobs, GET /outbox (JSON), POST /jobs/<id>/run (asks the scheduler to run a job now),
// POST /reload (loads and checks the configuration file again; see Reloader). Each request
// answers from the configuration current when it arrived.
// Its own small thread pool and queue, short timeouts, and no request bodies
// (CHECKLIST "HTTP server").
class AdminApi {
 public:
  // Listens where the configuration current at construction says (a reload cannot move it).
  AdminApi(Reloader& configuration, Scheduler& scheduler);
  ~AdminApi();
  AdminApi(const AdminApi&) = delete;
  AdminApi& operator=(const AdminApi&) = delete;

  void start();
  void stop();
  unsigned short port() const;

 private:
  Reloader& configuration_;
  Scheduler& scheduler_;
  std::string token_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace brobyg::daemon
