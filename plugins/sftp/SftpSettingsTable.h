// The sftp plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe sftp`). A header so that tests fill in the same defaults.
#pragma once

#include <brobyg_plugin.h>

namespace brobyg::sftp {

inline constexpr brobyg_setting_def kSettings[] = {
    {"host", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The evaluator's SFTP server: a host name or an IP address."},
    {"port", BROBYG_SETTING_INT, 0, "22", "1..65535", "The server's SSH port."},
    {"user", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The account brobyg logs in as (on the server: an sftp-only account, chrooted)."},
    {"host_key_sha256", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The server's host key, pinned: its SHA-256 fingerprint as `ssh-keygen -lf "
     "<host key>.pub` prints it, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (the "
     "whole line of ssh-keygen -lf is accepted too). A server showing another key is refused "
     "before brobyg logs in."},
    {"key_file", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "brobyg's private key (OpenSSH or PEM format; ed25519, ECDSA or RSA). Must be private: "
     "owned by the service user, mode 0600; any other file is refused."},
    {"passphrase", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, nullptr, nullptr,
     "The passphrase of key_file, when it has one. Secret: only from a private file (<setting "
     "key=\"passphrase\" file=\"...\"/>) or an environment variable (env=\"...\"); never "
     "printed."},
    {"directory", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The folder on the server the packages are put into, e.g. /upload (as the chrooted "
     "account sees it). It must exist: brobyg does not create it."},
    {"connect_timeout", BROBYG_SETTING_DURATION, 0, "30s", "1s..5m",
     "How long connecting to the server may take. A server that is down or does not answer "
     "makes the delivery retry later."},
    {"io_timeout", BROBYG_SETTING_DURATION, 0, "1m", "1s..1h",
     "How long brobyg waits for any one answer from the server (handshake, login, each "
     "write). A stalled server makes the delivery retry later."},
};

}  // namespace brobyg::sftp
