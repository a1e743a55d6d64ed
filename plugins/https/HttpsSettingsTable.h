// The https plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe https`). A header so that tests fill in the same defaults.
#pragma once

#include <brobyg_plugin.h>

namespace brobyg::https {

inline constexpr brobyg_setting_def kSettings[] = {
    {"url", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The evaluator's receiver: https://host:port/ (https only; no user, query or fragment). "
     "Each package is PUT to <url>packages/<package id>."},
    {"ca_file", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "PEM file with the CA certificate(s) the receiver's certificate must chain to. Only "
     "these are trusted (never the system's CAs), and the certificate must name the URL's "
     "host."},
    {"certificate", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The municipality's TLS client certificate (PEM; intermediates may follow it in the "
     "file). The receiver allows senders by its fingerprint."},
    {"key_file", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The private key of certificate (PEM). Must be private: owned by the service user, mode "
     "0600; any other file is refused."},
    {"passphrase", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, nullptr, nullptr,
     "The passphrase of key_file, when it has one. Secret: only from a private file (<setting "
     "key=\"passphrase\" file=\"...\"/>) or an environment variable (env=\"...\"); never "
     "printed."},
    {"connect_timeout", BROBYG_SETTING_DURATION, 0, "10s", "1s..5m",
     "How long connecting to the receiver (TCP and the TLS handshake) may take. A receiver "
     "that is down or does not answer makes the delivery retry later."},
    {"timeout", BROBYG_SETTING_DURATION, 0, "2m", "1s..1h",
     "How long brobyg waits for any one step of the upload (each write, and the receiver's "
     "answer after the last byte). A stalled receiver makes the delivery retry later."},
};

}  // namespace brobyg::https
