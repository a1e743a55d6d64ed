#pragma once

#include <cstdint>
#include <string>

namespace brobyg::folder {

// Puts a package file into a drop folder so that a reader of that folder never sees a
// partial file: copy to a hidden temp file in the same folder, fsync, move it into place
// (fails instead of replacing an existing file), fsync the folder.
class FolderDrop {
 public:
  // With `createDirectory` the folder (and missing parents) is made at the first delivery,
  // never before: `brobyg check` creates an instance, and check changes nothing.
  explicit FolderDrop(std::string directory, bool createDirectory);

  // Delivers `sourcePath` as `fileName`. A file of that name with the same size and SHA-256
  // counts as an earlier delivery of the same package (idempotent); one with other content
  // is an error, never overwritten. Returns the receipt text.
  std::string deliver(const std::string& sourcePath, const std::string& fileName,
                      std::uint64_t size, const std::string& sha256Hex) const;

  // Throws when the folder is not writable, or missing (unless it may be created and its
  // nearest existing parent is a writable folder).
  void check() const;

  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
  bool createDirectory_;
};

std::string sha256OfFile(const std::string& path);

}  // namespace brobyg::folder
