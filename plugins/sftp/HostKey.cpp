#include "HostKey.h"

#include <brobyg_plugin.hpp>

#include <openssl/evp.h>

#include <sstream>

namespace brobyg::sftp {

namespace {

constexpr const char* kPrefix = "SHA256:";
// 32 bytes in base64 are 44 characters, the last one '=' padding, which OpenSSH leaves out.
constexpr std::size_t kBase64Length = 43;

bool base64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool wellFormed(const std::string& word) {
  if (word.rfind(kPrefix, 0) != 0) return false;
  std::string body = word.substr(std::char_traits<char>::length(kPrefix));
  if (body.size() == kBase64Length + 1 && body.back() == '=') body.pop_back();
  if (body.size() != kBase64Length) return false;
  for (char c : body)
    if (!base64Char(c)) return false;
  return true;
}

}  // namespace

std::string pinnedFingerprint(const std::string& text) {
  std::istringstream words(text);
  for (std::string word; words >> word;)
    if (wellFormed(word))
      return word.substr(0, std::char_traits<char>::length(kPrefix) + kBase64Length);
  throw sdk::Error(
      "setting host_key_sha256: expected the server's SHA-256 host key fingerprint as "
      "ssh-keygen -lf prints it (SHA256: and 43 characters)");
}

std::string fingerprintOfDigest(const unsigned char* digest) {
  unsigned char encoded[48] = {};
  const int length = EVP_EncodeBlock(encoded, digest, 32);
  std::string base64(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
  while (!base64.empty() && base64.back() == '=') base64.pop_back();
  return kPrefix + base64;
}

}  // namespace brobyg::sftp
