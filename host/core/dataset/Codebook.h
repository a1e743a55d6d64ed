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
// row per dataset, column, code and crosswalk row) and as HTML. Throws brobyg::Error when a
// dataset has no entry in schemas/codebook.xml.
std::vector<CodebookFile> makeCodebook(const std::vector<const DatasetSpec*>& datasets);

}  // namespace brobyg::dataset
