#include "status/StatusJson.h"

#include <cstdio>

namespace brobyg::status {

namespace {

std::string number(std::uint64_t n) {
  return std::to_string(n);
}

std::string optional(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : "null";
}

// {"a":1,"b":"x"} built field by field.
class Object {
 public:
  Object& raw(const std::string& key, const std::string& value) {
    text_ += (text_.size() > 1 ? "," : "") + jsonString(key) + ":" + value;
    return *this;
  }
  Object& str(const std::string& key, const std::string& value) {
    return raw(key, jsonString(value));
  }
  std::string done() { return text_ + "}"; }

 private:
  std::string text_ = "{";
};

template <typename Range, typename F>
std::string array(const Range& items, F encode) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? "," : "") + encode(item);
  return out + "]";
}

std::string countsJson(const std::map<std::string, std::uint64_t>& counts) {
  Object o;
  for (const auto& [key, n] : counts) o.raw(key, number(n));
  return o.done();
}

std::string jobJson(const JobStatus& job) {
  Object o;
  o.str("id", job.id).str("schedule", job.schedule).str("timezone", job.timezone);
  o.str("legal_basis_expires", job.legalBasisExpires).raw("next_run", optional(job.nextRun));
  if (!job.scheduleProblem.empty()) o.str("schedule_problem", job.scheduleProblem);
  o.raw("last_success", optional(job.lastSuccess)).raw("runs", countsJson(job.runsByStatus));
  o.raw("duration_seconds", Object()
                                .raw("count", number(job.durations.count))
                                .raw("sum", std::to_string(job.durations.sum))
                                .done());
  if (!job.lastRuns.empty()) o.raw("last_run", runJson(job.lastRuns.front()));
  o.raw("last_runs", array(job.lastRuns, runJson));
  return o.done();
}

std::string packageJson(const state::OutboxEntry& e) {
  return Object()
      .str("package", e.packageId)
      .str("job", e.job)
      .str("destination", e.destination)
      .str("state", state::toString(e.state))
      .raw("attempts", std::to_string(e.attempts))
      .raw("bytes", number(e.size))
      .str("created", e.createdAt)
      .str("delivered", e.deliveredAt)
      .str("last_error", e.lastError)
      .done();
}

std::string certificateJson(const CertificateExpiry& c) {
  return Object()
      .str("setting", c.setting)
      .str("role", c.role)
      .str("job", c.job)
      .str("owner", c.owner)
      .raw("line", std::to_string(c.line))
      .raw("not_after", optional(c.notAfter))
      .done();
}

}  // namespace

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || c == '<' || c == '>' || c == '&') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string runJson(const state::RunRecord& r) {
  const state::RunSummary& s = r.summary;
  return Object()
      .raw("id", std::to_string(r.id))
      .str("job", r.job)
      .str("started", r.startedAt)
      .str("finished", r.finishedAt)
      .str("status", s.status)
      .raw("read", number(s.rowsRead))
      .raw("rejected", number(s.rowsRejected))
      .raw("written", number(s.rowsWritten))
      .raw("duplicates", number(s.rowsDuplicate))
      .str("package", s.packageId)
      .str("message", s.message)
      .done();
}

std::string problemsJson(const Problems& problems) {
  return array(problems, [](const Problem& p) {
    return Object()
        .raw("line", std::to_string(p.line))
        .str("severity", p.isWarning() ? "warning" : "error")
        .str("message", p.message)
        .done();
  });
}

std::string jobsJson(const Status& status) {
  return array(status.jobs, jobJson);
}

std::string outboxJson(const Status& status) {
  return array(status.outbox.entries, packageJson);
}

std::string toJson(const Status& status) {
  const RegisterHead& r = status.registerHead;
  return Object()
      .raw("generated_at", std::to_string(status.generatedAt))
      .str("config", status.configPath)
      .raw("jobs", jobsJson(status))
      .raw("outbox",
           Object()
               .raw("by_state", countsJson(status.outbox.byState))
               .raw("oldest_waiting_seconds", optional(status.outbox.oldestWaitingSeconds))
               .raw("packages", outboxJson(status))
               .done())
      .raw("register",
           Object().raw("entries", std::to_string(r.entries)).str("head", r.head).done())
      .raw("certificates", array(status.certificates, certificateJson))
      .raw("problems", problemsJson(status.problems))
      .done();
}

}  // namespace brobyg::status
