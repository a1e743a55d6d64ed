#pragma once

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

}  // namespace brobyg::dataset
