#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "package/ZipWriter.h"

namespace brobyg::pipeline {

// dataset::dropRecords for a dataset file deflated while it was written
// (package::DeflatedFile at `level`): inflates it, leaves out the records flagged in
// `dropped`, and deflates the rest again into a new file at `path`, on `threads` threads as
// the write stage did. Returns the new file's digest (ZipWriter::addDeflated). Only runs
// when the row digests found rows delivered before.
package::ZipEntryDigest dropDeflatedRecords(std::string_view format,
                                            const dataset::DatasetSpec& spec,
                                            const std::string& path,
                                            const std::vector<bool>& dropped, int level,
                                            int threads);

}  // namespace brobyg::pipeline
