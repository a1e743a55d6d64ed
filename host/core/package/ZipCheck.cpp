#include "package/ZipCheck.h"

#include "package/ZipReader.h"
#include "util/Error.h"

namespace brobyg::package {

void checkWrittenZip(const std::string& zipPath, const std::vector<WrittenEntry>& written) {
  ZipReader reader(zipPath);
  if (reader.entries().size() != written.size())
    throw Error(zipPath + ": re-read: " + std::to_string(reader.entries().size()) +
                " entries in the archive, " + std::to_string(written.size()) + " written");
  for (const WrittenEntry& w : written) {
    const ZipEntryInfo* entry = reader.find(w.name);
    if (entry == nullptr) throw Error(zipPath + ": re-read: entry " + w.name + " missing");
    if (entry->size != w.size || entry->crc32 != w.crc32)
      throw Error(zipPath + ": re-read: entry " + w.name + " differs from what was written");
    reader.check(*entry);  // inflates: size and CRC-32 of the bytes read back
  }
}

}  // namespace brobyg::package
