#pragma once

#include <array>
#include <string>

namespace brobyg::pseudo {

// A project's 256-bit pseudonymisation key (DESIGN §4). Move-only; the bytes are wiped when
// the object dies, so that a core dump after use holds as few copies as possible.
class ProjectKey {
 public:
  static constexpr std::size_t kSize = 32;
  using Bytes = std::array<unsigned char, kSize>;

  // Reads a key file: exactly 64 hex digits, optionally followed by "\n" or "\r\n". Throws
  // brobyg::Error naming the file (never its content) when the file is missing, readable or
  // writable by group or others, or not in that form.
  static ProjectKey load(const std::string& path);
  static ProjectKey fromBytes(const Bytes& bytes);

  ProjectKey(ProjectKey&& other) noexcept;
  ProjectKey& operator=(ProjectKey&& other) noexcept;
  ProjectKey(const ProjectKey&) = delete;
  ProjectKey& operator=(const ProjectKey&) = delete;
  ~ProjectKey();

  const Bytes& bytes() const { return bytes_; }
  // First 16 hex digits of SHA-256 of the 32 key bytes; safe to publish (manifests, logs).
  const std::string& id() const { return id_; }

 private:
  explicit ProjectKey(const Bytes& bytes);
  Bytes bytes_{};
  std::string id_;
};

// Writes a new key file: 32 bytes from OpenSSL's RAND_bytes as 64 lowercase hex digits and
// "\n", mode 0600, durably. Refuses (brobyg::Error) when `path` already exists, also when it
// appears during the call. Returns the new key's id.
std::string generateKeyFile(const std::string& path);

}  // namespace brobyg::pseudo
