#include "dataset/XmlDatasetWriter.h"

#include <cstring>

#include "dataset/XmlText.h"
#include "util/Error.h"

namespace brobyg::dataset {

namespace {

template <typename Tag>
Tag makeTag(const std::string& text) {
  if (text.size() > Tag::kRoom)
    throw Error("dataset column name too long for the XML writer: " + text);
  Tag tag{};
  std::memcpy(tag.bytes, text.data(), text.size());
  tag.size = text.size();
  return tag;
}

// Copies all kRoom bytes (reserve() counted them) and advances by the tag's length.
template <typename Tag>
char* put(char* o, const Tag& tag) {
  std::memcpy(o, tag.bytes, Tag::kRoom);
  return o + tag.size;
}
}  // namespace

XmlDatasetWriter::XmlDatasetWriter(const DatasetSpec& spec, std::unique_ptr<ByteSink> sink)
    : DatasetWriter(spec, std::move(sink)),
      recordOpen_("<" + spec.xmlRecord() + ">"),
      recordClose_("</" + spec.xmlRecord() + ">\n") {
  for (const OutputColumn& c : spec.outputs()) {
    open_.push_back(makeTag<Tag>("<" + c.name + ">"));
    close_.push_back(makeTag<Tag>("</" + c.name + ">"));
    tagBytes_ += 2 * Tag::kRoom;
  }
}

void XmlDatasetWriter::writeHeader(ChunkedOutput& out) {
  out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
  out.append(spec().xmlRoot());
  out.append(" xmlns=\"");
  out.append(spec().xmlNamespace());  // a URN of name characters: nothing to escape
  out.append("\" schema_version=\"");
  out.append(std::to_string(spec().version()));
  out.append("\" dataset=\"");
  out.append(spec().name());
  out.append("\">\n");
}

std::string_view XmlDatasetWriter::writeRecord(ChunkedOutput& out, const std::string_view* values) {
  const std::size_t n = open_.size();
  std::size_t worst = recordOpen_.size() + recordClose_.size() + tagBytes_;
  for (std::size_t i = 0; i < n; ++i) worst += xmlTextMaxSize(values[i].size());
  char* const start = out.reserve(worst);
  char* o = start;
  std::memcpy(o, recordOpen_.data(), recordOpen_.size());
  o += recordOpen_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (values[i].empty()) continue;  // the base refused empty required values
    o = put(o, open_[i]);
    std::size_t len = escapeXmlText(values[i], o);
    if (len == kXmlIllegal) refuseValue(i, "value holds a character XML 1.0 does not allow");
    o = put(o + len, close_[i]);
  }
  std::memcpy(o, recordClose_.data(), recordClose_.size());
  o += recordClose_.size();
  out.advance(static_cast<std::size_t>(o - start));
  return {start, static_cast<std::size_t>(o - start)};
}

void XmlDatasetWriter::writeFooter(ChunkedOutput& out) {
  out.append("</");
  out.append(spec().xmlRoot());
  out.append(">\n");
}

}  // namespace brobyg::dataset
