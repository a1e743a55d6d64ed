#include "status/Certificates.h"

#include <filesystem>
#include <set>

#include "config/CertificateCheck.h"
#include "config/Config.h"
#include "util/Utf8Path.h"

namespace brobyg::status {

namespace {

class Collector {
 public:
  explicit Collector(const config::Config& config) : config_(config) {}

  void add(const std::string& setting, const std::string& role, const std::string& job,
           const std::string& owner, long line, const std::string& path) {
    if (path.empty()) return;
    CertificateExpiry c{setting, role, job,
                        owner,   line, config::certificateNotAfter(resolve(path))};
    found_.push_back(std::move(c));
  }

  // TLS files among a plugin instance's settings: the https plugin's client `certificate` and
  // the CA files (`ca_file`) the https and rest plugins verify their servers with.
  void addTls(const config::InstanceConfig& instance, const std::string& kind,
              const std::string& job) {
    for (const auto& s : instance.settings) {
      if (s.key == "certificate")
        add(kind + " " + instance.id + " setting certificate", "tls-client", job, instance.id,
            s.line, s.value);
      else if (s.key == "ca_file")
        add(kind + " " + instance.id + " setting ca_file", "tls-ca", job, instance.id, s.line,
            s.value);
    }
  }

  std::vector<CertificateExpiry> take() { return std::move(found_); }

 private:
  // Paths are absolute after loading; a plugin's PATH setting may still be relative to the
  // configuration's folder.
  std::string resolve(const std::string& path) const {
    const std::filesystem::path p = pathFromUtf8(path);
    return p.is_absolute() ? path : utf8FromPath(pathFromUtf8(config_.directory) / p);
  }

  const config::Config& config_;
  std::vector<CertificateExpiry> found_;
};

void addJob(Collector& out, const config::Config& config, const config::JobConfig& job) {
  for (const std::string& id : job.recipients)
    if (const auto* r = config.recipient(id))
      out.add("recipient " + id + " certificate", "recipient", job.id, id, r->line, r->certificate);
  if (const auto* d = config.destination(job.destination)) {
    out.add("destination " + d->id + " receipt-certificate", "receipt", job.id, d->id, d->line,
            d->receiptCertificate);
    out.addTls(*d, "destination", job.id);
  }
  std::set<std::string> sources;  // two datasets may read the same source
  for (const auto& dataset : job.datasets)
    if (const auto* s = config.source(dataset.source); s && sources.insert(s->id).second)
      out.addTls(*s, "source", job.id);
}

void addReceiver(Collector& out, const config::ReceiverConfig& r) {
  if (!r.enabled) return;
  out.add("receiver server-certificate", "receiver-tls", "", r.id, r.line, r.serverCertificate);
  out.add("receiver client-ca", "receiver-client-ca", "", r.id, r.line, r.clientCa);
  out.add("receiver decryption-certificate", "decryption", "", r.id, r.line,
          r.decryptionCertificate);
  if (r.receiptCertificate != r.serverCertificate)
    out.add("receiver receipt-certificate", "receipt-signing", "", r.id, r.line,
            r.receiptCertificate);
}

}  // namespace

std::vector<CertificateExpiry> configuredCertificates(const config::Config& config) {
  Collector out(config);
  out.add("producer signing-certificate", "signing", "", config.producer.municipality,
          config.producer.line, config.producer.signingCertificate);
  for (const config::JobConfig& job : config.jobs) addJob(out, config, job);
  addReceiver(out, config.receiver);
  return out.take();
}

}  // namespace brobyg::status
