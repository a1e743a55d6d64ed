#include "receiver/AllowList.h"

#include "trust/Certificate.h"

namespace brobyg::receiver {

AllowList::AllowList(const std::vector<config::ReceiverAllow>& entries) {
  for (const config::ReceiverAllow& entry : entries) {
    const std::string fingerprint =
        entry.certificate.empty()
            ? entry.fingerprint
            : trust::fingerprint(trust::readPemCertificate(entry.certificate));
    byFingerprint_[fingerprint] = entry.name;
  }
}

const std::string* AllowList::find(const std::string& certificateDer) const {
  auto it = byFingerprint_.find(trust::fingerprint(certificateDer));
  return it == byFingerprint_.end() ? nullptr : &it->second;
}

}  // namespace brobyg::receiver
