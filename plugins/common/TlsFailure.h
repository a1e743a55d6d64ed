// How the HTTPS plugins (rest, https) tell a TLS failure that another try would meet again
// from one the network caused. OpenSSL 3 reports a connection that ends without close_notify
// as an error ("unexpected eof while reading"), not as a closed connection, so the exception's
// type alone does not say which it was.
#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/SSLException.h>

#include <string>

namespace brobyg::files {

// True when our or the server's certificate was refused: an unknown CA, a wrong host name, an
// alert the server sent about our certificate. False for a connection cut or reset mid-stream.
bool tlsRefusedForGood(const Poco::Net::SSLException& e);

// The exception's own message, or its display text when it has none.
std::string reasonOf(const Poco::Exception& e);

}  // namespace brobyg::files
