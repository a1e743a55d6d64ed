#pragma once

#include <cstdint>
#include <string>

namespace brobyg::package {

// Data records in an RFC 4180 CSV file: records after the header row, quoted line breaks
// inside a field included, empty lines not counted. Streams with a fixed buffer.
std::uint64_t countCsvRows(const std::string& path);

// Data records in a dataset XML file: the element children of the root element (the
// dataset writers put one element per record there). Streams through a SAX parser with
// external entities off.
std::uint64_t countXmlRows(const std::string& path);

// Dispatches on the manifest format ("csv" or "xml").
std::uint64_t countRows(const std::string& path, const std::string& format);

}  // namespace brobyg::package
