#pragma once

#include <string>
#include <vector>

#include "dataset/DatasetWriter.h"

namespace brobyg::dataset {

// Streaming XML valid against schemas/<dataset>.xsd: the declaration (UTF-8), the spec's root
// element (absence_events) in the dataset's namespace, then one record element per line (the
// spec's, e.g. <event>) with one child per column in spec order. An absent optional value
// leaves its element out. Never builds a document tree.
class XmlDatasetWriter final : public DatasetWriter {
 public:
  XmlDatasetWriter(const DatasetSpec& spec, const std::string& path,
                   Durability durability = Durability::Durable)
      : XmlDatasetWriter(spec, fileSink(path, durability)) {}
  XmlDatasetWriter(const DatasetSpec& spec, std::unique_ptr<ByteSink> sink);
  std::string_view format() const override { return "xml"; }

 private:
  void writeHeader(ChunkedOutput& out) override;
  std::string_view writeRecord(ChunkedOutput& out, const std::string_view* values) override;
  void writeFooter(ChunkedOutput& out) override;

  // A tag padded to a fixed size, so that writing it is one constant-size copy.
  struct Tag {
    static constexpr std::size_t kRoom = 32;
    char bytes[kRoom];
    std::size_t size;
  };
  std::string recordOpen_;    // "<event>"
  std::string recordClose_;   // "</event>\n"
  std::vector<Tag> open_;     // "<name>" per column, built once
  std::vector<Tag> close_;    // "</name>"
  std::size_t tagBytes_ = 0;  // all open and close tags of one row, with their padding
};

}  // namespace brobyg::dataset
