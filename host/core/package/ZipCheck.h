#pragma once

#include <string>
#include <vector>

#include "package/ZipWriter.h"

namespace brobyg::package {

// The re-read check before signing (CHECKLIST "ZIP", docs/architecture.md §6): opens the
// finished archive, requires exactly the entries `written`, each with the writer's size and
// CRC-32 in the central directory, and inflates every entry, checking its bytes against that
// size and CRC-32. It catches a torn or cut file, a corrupt or undecodable deflate stream and
// an entry that is not the bytes the manifest describes, without a second SHA-256 pass.
// Throws brobyg::Error naming `zipPath` and the entry.
void checkWrittenZip(const std::string& zipPath, const std::vector<WrittenEntry>& written);

}  // namespace brobyg::package
