// The generation files of the state's stores (the row digests, absence_summary's store): per
// store one file of fixed-size records in ascending byte order, named after the run that wrote
// it, optionally behind a header. Which generation is committed lives in the state database
// (row_digests) and changes only in the run's commit transaction, so a store
//   - opens by checking the committed file (checkCommitted) and removing every other
//     generation (removeOtherGenerations): one a run wrote before it died, or one a commit
//     replaced before it could remove it;
//   - reads the committed file (RecordFileReader) while it writes the next generation durably
//     (ensureDurableFolder, RecordFileWriter);
//   - after the commit removes the replaced file, or the new one when the run does not commit.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "util/AtomicFile.h"

namespace brobyg::state {

// Throws brobyg::Error naming `path` when the committed file is missing or not `bytes` long.
// `risk` says what reading on would do ("rows already delivered could be delivered again").
void checkCommitted(const std::string& path, std::uint64_t bytes, std::string_view risk);

// Removes the files of `folder` whose name starts with `prefix`, except the one named `keep`
// (empty: none is kept). A folder that does not exist holds none.
void removeOtherGenerations(const std::string& folder, std::string_view prefix,
                            std::string_view keep) noexcept;

// Creates `folder` (0700) and, when it did not exist, makes its creation durable (its parent
// and grandparent synced): a generation committed inside it must survive a power cut.
void ensureDurableFolder(const std::string& folder);

// Removes a generation file; what fails here the next start removes.
void removeGeneration(const std::string& path) noexcept;

// The order a RecordFileReader checks, comparing records as bytes.
enum class RecordOrder {
  Any,                // records in the order they were written (no check)
  Ascending,          // sorted, repeats allowed (a spilled run)
  StrictlyAscending,  // sorted, each record once (a committed generation)
};

// Reads `bytes` of `path` from `offset`, one record of `recordSize` bytes at a time, through a
// 64 KiB buffer. Errors name the file and `what` ("row digests"): a size that is not a whole
// number of records, a file shorter than `bytes`, a record out of `order`.
class RecordFileReader {
 public:
  RecordFileReader(std::string path, std::uint64_t offset, std::uint64_t bytes,
                   std::size_t recordSize, RecordOrder order, std::string what);
  ~RecordFileReader();
  RecordFileReader(const RecordFileReader&) = delete;
  RecordFileReader& operator=(const RecordFileReader&) = delete;

  // The next record, valid until the next call; null at the end.
  const unsigned char* next();

 private:
  bool refill();

  std::string path_;
  std::string what_;
  std::size_t recordSize_;
  RecordOrder order_;
  std::FILE* file_ = nullptr;
  std::uint64_t left_;
  std::vector<unsigned char> buffer_;
  std::size_t at_ = 0;
  std::size_t end_ = 0;
  const unsigned char* previous_ = nullptr;  // in buffer_, or in previousCopy_ after a refill
  std::vector<unsigned char> previousCopy_;
};

// Writes a generation durably (AtomicFile): `header`, then records of `recordSize` bytes
// through a 64 KiB buffer. Destroyed without commit(), it leaves no file.
class RecordFileWriter {
 public:
  RecordFileWriter(const std::string& path, std::size_t recordSize, std::string_view header = {});
  void add(const unsigned char* record);
  // Makes the file durable; returns its size.
  std::uint64_t commit();

 private:
  void flush();

  AtomicFile file_;
  std::size_t recordSize_;
  std::size_t chunk_;
  std::vector<unsigned char> buffer_;
};

}  // namespace brobyg::state
