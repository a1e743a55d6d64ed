#include "status/StatusText.h"

#include <algorithm>
#include <ctime>
#include <sstream>

#include "package/PackageId.h"

namespace brobyg::status {

std::string humanDuration(std::int64_t seconds) {
  const std::int64_t s = seconds < 0 ? -seconds : seconds;
  std::string text;
  if (s >= 86400)
    text = std::to_string(s / 86400) + "d " + std::to_string(s % 86400 / 3600) + "h";
  else if (s >= 3600)
    text = std::to_string(s / 3600) + "h " + std::to_string(s % 3600 / 60) + "m";
  else if (s >= 60)
    text = std::to_string(s / 60) + "m";
  else
    text = std::to_string(s) + "s";
  return seconds < 0 ? "-" + text : text;
}

namespace {

std::string isoTime(std::int64_t seconds) {
  return package::isoUtc(static_cast<std::time_t>(seconds));
}

void jobText(std::ostream& out, const JobStatus& job, std::int64_t now) {
  out << "  " << job.id << "  ";
  if (job.schedule.empty()) {
    out << "on demand";
  } else {
    out << "schedule \"" << job.schedule << "\"";
    if (!job.timezone.empty()) out << " (" << job.timezone << ")";
    if (job.nextRun)
      out << "  next " << (*job.nextRun <= now ? "now (due)" : isoTime(*job.nextRun));
    if (!job.scheduleProblem.empty()) out << "  schedule problem: " << job.scheduleProblem;
  }
  out << "\n    last success "
      << (job.lastSuccess
              ? isoTime(*job.lastSuccess) + " (" + humanDuration(now - *job.lastSuccess) + " ago)"
              : std::string("never"));
  out << "  legal basis expires " << job.legalBasisExpires << "\n";
  for (const state::RunRecord& r : job.lastRuns) {
    const state::RunSummary& s = r.summary;
    out << "    " << r.startedAt << "  run=" << r.id << " " << s.status << " read=" << s.rowsRead
        << " rejected=" << s.rowsRejected << " written=" << s.rowsWritten
        << " duplicates=" << s.rowsDuplicate
        << " package=" << (s.packageId.empty() ? "-" : s.packageId) << "\n";
    if (!s.message.empty()) out << "      " << s.message << "\n";
  }
}

void outboxText(std::ostream& out, const OutboxStatus& outbox) {
  out << "Outbox\n ";
  for (const auto& [name, n] : outbox.byState) out << " " << name << "=" << n;
  if (outbox.oldestWaitingSeconds)
    out << "  oldest waiting " << humanDuration(*outbox.oldestWaitingSeconds);
  out << "\n";
  for (const auto& e : outbox.entries) {
    if (e.state == state::OutboxState::Delivered) continue;
    out << "  " << e.packageId << "  " << state::toString(e.state) << "  job=" << e.job
        << "  destination=" << e.destination << "  attempts=" << e.attempts << "\n";
    if (!e.lastError.empty()) out << "    last error: " << e.lastError << "\n";
  }
}

void certificatesText(std::ostream& out, std::vector<CertificateExpiry> certificates,
                      std::int64_t now) {
  out << "Certificates (by expiry)\n";
  std::stable_sort(certificates.begin(), certificates.end(), [](const auto& a, const auto& b) {
    return a.notAfter.value_or(0) < b.notAfter.value_or(0);
  });
  for (const auto& c : certificates) {
    out << "  ";
    if (c.notAfter)
      out << isoTime(*c.notAfter) << " ("
          << (*c.notAfter < now ? "expired " + humanDuration(now - *c.notAfter) + " ago"
                                : "in " + humanDuration(*c.notAfter - now))
          << ")";
    else
      out << "unreadable";
    out << "  " << c.role << "  " << c.setting;
    if (!c.job.empty()) out << "  job=" << c.job;
    out << "\n";
  }
}

}  // namespace

std::string toText(const Status& status) {
  std::ostringstream out;
  const std::int64_t now = status.generatedAt;
  out << "brobyg status of " << status.configPath << " at " << isoTime(now) << "\n\nJobs\n";
  for (const JobStatus& job : status.jobs) jobText(out, job, now);
  out << "\n";
  outboxText(out, status.outbox);
  const RegisterHead& r = status.registerHead;
  out << "\nDisclosure register\n  " << r.entries << " entries, head "
      << (r.head.empty() ? "-" : r.head)
      << " (brobyg audit verify checks the chain and its signatures)\n\n";
  certificatesText(out, status.certificates, now);
  out << "\nProblems (brobyg check)\n";
  if (status.problems.empty()) out << "  none\n";
  std::istringstream lines(formatProblems(status.configPath, status.problems));
  for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
  return out.str();
}

}  // namespace brobyg::status
