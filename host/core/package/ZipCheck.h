#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace brobyg::package {

// An entry as ZipWriter wrote it: its size and the CRC-32 it computed from the source bytes,
// in the same pass as the SHA-256 the manifest lists.
struct WrittenEntry {
  std::string name;
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;
};

// The re-read check before signing (CHECKLIST "ZIP", docs/architecture.md §6): opens the
// finished archive, requires exactly the entries `written`, each with the writer's size and
// CRC-32 in the central directory, and inflates every entry, checking its bytes against that
// size and CRC-32. It catches a torn or cut file, a corrupt or undecodable deflate stream and
// an entry that is not the bytes the manifest describes, without a second SHA-256 pass.
// Throws brobyg::Error naming `zipPath` and the entry.
void checkWrittenZip(const std::string& zipPath, const std::vector<WrittenEntry>& written);

}  // namespace brobyg::package
