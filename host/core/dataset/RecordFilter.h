#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "util/AtomicFile.h"

namespace brobyg::dataset {

// Rewrites, in place and streaming, a dataset file that this program's writer for `format`
// ("csv" or "xml") made for `spec`, without the records whose flag in `dropped` is set (by
// record number, from 0). Header and footer stay. Used when the row digests decide, after
// the rows were written, that some of them were delivered before.
//
// Record boundaries are exact because the writers make them so: a CSV record ends at a line
// feed outside quotes; an XML record ends with "</record>\n", which no escaped value holds.
// Throws brobyg::Error naming the file when it holds fewer records than `dropped` flags.
void dropRecords(std::string_view format, const DatasetSpec& spec, const std::string& path,
                 const std::vector<bool>& dropped, Durability durability);

class RecordEnds;

// dropRecords' filter, for bytes that come from elsewhere than a plain file (a dataset file
// deflated while written, pipeline/stages/DeflatedDrop): the file's bytes in pieces of any
// size in, the kept ones out.
class RecordDropper {
 public:
  RecordDropper(std::string_view format, const DatasetSpec& spec, const std::vector<bool>& dropped);
  ~RecordDropper();
  RecordDropper(const RecordDropper&) = delete;
  RecordDropper& operator=(const RecordDropper&) = delete;

  // Appends to `kept` the bytes of data[0, size) that stay.
  void filter(const char* data, std::size_t size, std::string& kept);
  // After the last piece: throws brobyg::Error naming `what` when it held fewer records than
  // `dropped` flags.
  void finish(const std::string& what) const;

 private:
  std::unique_ptr<RecordEnds> ends_;
  const std::vector<bool>& dropped_;
  std::size_t record_ = 0;  // the record the next byte belongs to
  bool header_ = true;
};

}  // namespace brobyg::dataset
