#pragma once

#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {

// One file of a package's codebook.
struct CodebookFile {
  std::string entryName;  // codebook.xml | codebook.csv | codebook.html
  std::string content;
};

// The codebook of a package (DESIGN §5-§6): for each of `datasets`, its columns with Danish and
// English labels and descriptions (schemas/codebook.xml), every code list with Danish and
// English labels and official codes, and the Barnets Lov / Serviceloven crosswalk
// (schemas/codelists.xml); as XML (valid against schemas/codebook.xsd), as CSV (RFC 4180, one
// row per dataset, column, code and crosswalk row) and as HTML. A dataset without an entry in
// schemas/codebook.xml (one declared by a test) is described from its spec alone, in English.
std::vector<CodebookFile> makeCodebook(const std::vector<const DatasetSpec*>& datasets);
// The same for datasets by name (each once, in first-seen order); throws brobyg::Error for a
// name findDataset() does not know.
std::vector<CodebookFile> makeCodebookFor(const std::vector<std::string>& datasetNames);

}  // namespace brobyg::dataset
