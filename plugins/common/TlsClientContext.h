// The TLS client context every HTTPS plugin uses (CHECKLIST "TLS"): VERIFY_STRICT (the host
// name is checked, for localhost too: poco#4294), extended verification on (poco#4736), only
// the configured CA store, never the system's (poco#1936), TLS 1.2 or later. Shared by the rest
// source and the https destination. A session must still be constructed with
// (host, port, context) (poco#1303), and a RejectCertificateHandler kept alive while it runs
// (poco#1079).
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace brobyg::files {

// Throws sdk::Error naming the setting `caSetting` when `caFile` cannot be read as PEM CA
// certificates.
Poco::Net::Context::Ptr tlsClientContext(const std::string& caFile,
                                         const std::string& caSetting = "ca_file");

}  // namespace brobyg::files
