#include "status/StatusMetrics.h"

#include <sstream>

namespace brobyg::status {

namespace {

// A label value: backslash, double quote and newline escaped (Prometheus' text format).
std::string label(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string seconds(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

void header(std::ostream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
}

void runMetrics(std::ostream& out, const Status& status) {
  header(out, "brobyg_runs_total", "counter", "Runs of a job by outcome.");
  for (const auto& job : status.jobs)
    for (const auto& [name, n] : job.runsByStatus)
      out << "brobyg_runs_total{job=" << label(job.id) << ",status=" << label(name) << "} " << n
          << "\n";
  header(out, "brobyg_rows_total", "counter", "Rows by job and fate.");
  for (const auto& job : status.jobs) {
    const state::RunSummary& r = job.rowTotals;
    const std::pair<const char*, std::uint64_t> kinds[] = {{"read", r.rowsRead},
                                                           {"rejected", r.rowsRejected},
                                                           {"written", r.rowsWritten},
                                                           {"duplicate", r.rowsDuplicate}};
    for (const auto& [kind, n] : kinds)
      out << "brobyg_rows_total{job=" << label(job.id) << ",kind=\"" << kind << "\"} " << n << "\n";
  }
  header(out, "brobyg_job_last_success_timestamp_seconds", "gauge",
         "When the job's last successful run (ok or nothing-new) ended, unix seconds.");
  for (const auto& job : status.jobs)
    if (job.lastSuccess)
      out << "brobyg_job_last_success_timestamp_seconds{job=" << label(job.id) << "} "
          << *job.lastSuccess << "\n";
  header(out, "brobyg_job_next_run_timestamp_seconds", "gauge",
         "When the job's schedule is next due, unix seconds (scheduled jobs only).");
  for (const auto& job : status.jobs)
    if (job.nextRun)
      out << "brobyg_job_next_run_timestamp_seconds{job=" << label(job.id) << "} " << *job.nextRun
          << "\n";
}

void durationMetrics(std::ostream& out, const Status& status) {
  header(out, "brobyg_run_duration_seconds", "histogram", "How long finished runs took.");
  for (const auto& job : status.jobs) {
    const DurationHistogram& h = job.durations;
    const std::string name = "brobyg_run_duration_seconds";
    for (std::size_t i = 0; i < kDurationBucketCount; ++i)
      out << name << "_bucket{job=" << label(job.id) << ",le=\"" << seconds(kDurationBuckets[i])
          << "\"} " << h.buckets[i] << "\n";
    out << name << "_bucket{job=" << label(job.id) << ",le=\"+Inf\"} " << h.count << "\n";
    out << name << "_sum{job=" << label(job.id) << "} " << seconds(h.sum) << "\n";
    out << name << "_count{job=" << label(job.id) << "} " << h.count << "\n";
  }
}

void outboxMetrics(std::ostream& out, const Status& status) {
  header(out, "brobyg_outbox_packages", "gauge", "Packages in the outbox by state.");
  for (const auto& [name, n] : status.outbox.byState)
    out << "brobyg_outbox_packages{state=" << label(name) << "} " << n << "\n";
  header(out, "brobyg_outbox_oldest_waiting_age_seconds", "gauge",
         "Age of the oldest package not yet delivered (staged, sending or retry); 0 if none.");
  out << "brobyg_outbox_oldest_waiting_age_seconds "
      << status.outbox.oldestWaitingSeconds.value_or(0) << "\n";
}

void registerMetrics(std::ostream& out, const Status& status) {
  header(out, "brobyg_disclosures_total", "counter", "Entries in the disclosure register.");
  out << "brobyg_disclosures_total " << status.registerHead.entries << "\n";
}

void certificateMetrics(std::ostream& out, const Status& status) {
  header(out, "brobyg_certificate_expiry_timestamp_seconds", "gauge",
         "When a configured certificate expires, unix seconds; labelled by the setting.");
  for (const auto& c : status.certificates)
    if (c.notAfter)
      out << "brobyg_certificate_expiry_timestamp_seconds{setting=" << label(c.setting)
          << ",role=" << label(c.role) << ",job=" << label(c.job) << "} " << *c.notAfter << "\n";
  header(out, "brobyg_certificate_unreadable", "gauge",
         "1 for a configured certificate that cannot be read (brobyg check says why).");
  for (const auto& c : status.certificates)
    if (!c.notAfter)
      out << "brobyg_certificate_unreadable{setting=" << label(c.setting)
          << ",role=" << label(c.role) << ",job=" << label(c.job) << "} 1\n";
}

void problemMetrics(std::ostream& out, const Status& status) {
  std::uint64_t errors = 0, warnings = 0;
  for (const auto& p : status.problems) ++(p.isWarning() ? warnings : errors);
  header(out, "brobyg_config_problems", "gauge",
         "What brobyg check finds in the running configuration (at start and reload).");
  out << "brobyg_config_problems{severity=\"error\"} " << errors << "\n";
  out << "brobyg_config_problems{severity=\"warning\"} " << warnings << "\n";
}

}  // namespace

std::string toPrometheus(const Status& status) {
  std::ostringstream out;
  runMetrics(out, status);
  durationMetrics(out, status);
  outboxMetrics(out, status);
  registerMetrics(out, status);
  certificateMetrics(out, status);
  problemMetrics(out, status);
  return out.str();
}

}  // namespace brobyg::status
