// The municipality's TLS client certificate and key, put into a client context. The key file
// goes through the host's private-file check and is read from the descriptor that check
// opened (not by name again); its passphrase is a secret and never appears in a message.
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace brobyg::https {

// Throws sdk::Error naming the setting (certificate or key_file) and the file.
void useClientCertificate(Poco::Net::Context& context, const std::string& certificateFile,
                          const std::string& keyFile, const std::string& passphrase);

}  // namespace brobyg::https
