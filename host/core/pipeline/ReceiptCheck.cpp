#include "pipeline/ReceiptCheck.h"

#include "util/Error.h"

namespace brobyg::pipeline {

receipt::Receipt checkReceipt(const std::string& pem, const std::string& pinnedCertificate,
                              const state::OutboxEntry& entry) {
  const std::string where =
      "receipt from destination '" + entry.destination + "' for package " + entry.packageId + ": ";
  receipt::Receipt r;
  try {
    r = receipt::verify(pem, pinnedCertificate);
  } catch (const Error& e) {
    throw Error(where + "not accepted: " + e.what());
  }
  if (r.packageId != entry.packageId) throw Error(where + "it is for package " + r.packageId);
  if (r.sha256 != entry.sha256)
    throw Error(where + "its SHA-256 " + r.sha256 + " is not the stored package's " + entry.sha256);
  if (r.bytes != entry.size)
    throw Error(where + "its size " + std::to_string(r.bytes) + " is not the stored package's " +
                std::to_string(entry.size));
  return r;
}

}  // namespace brobyg::pipeline
