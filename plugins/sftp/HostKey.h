// The server's host key, pinned by its SHA-256 fingerprint in OpenSSH's own spelling
// ("SHA256:" and the unpadded base64 of the digest, as `ssh-keygen -lf` and `ssh` print it),
// so that an admin pastes what the evaluator's tools show.
#pragma once

#include <string>

namespace brobyg::sftp {

// The fingerprint in `text`: either the fingerprint itself or a whole line of
// `ssh-keygen -lf` ("256 SHA256:... comment (ED25519)"). Throws sdk::Error naming the setting
// host_key_sha256 when it holds no well-formed SHA-256 fingerprint (an MD5 one, a typo).
std::string pinnedFingerprint(const std::string& text);

// "SHA256:<base64>" of a 32-byte digest (libssh2_hostkey_hash's LIBSSH2_HOSTKEY_HASH_SHA256).
std::string fingerprintOfDigest(const unsigned char* digest);

}  // namespace brobyg::sftp
