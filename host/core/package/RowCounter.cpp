#include "package/RowCounter.h"

#include <Poco/Exception.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>

#include <fstream>
#include <vector>

#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::package {

std::uint64_t countCsvRows(const std::string& path) {
  std::ifstream in(pathFromUtf8(path), std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::vector<char> buffer(256 * 1024);
  std::uint64_t records = 0;
  bool inQuotes = false;
  bool recordHasContent = false;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      char c = buffer[static_cast<std::size_t>(i)];
      if (c == '"') {
        inQuotes = !inQuotes;  // "" inside a quoted field toggles twice
        recordHasContent = true;
      } else if (c == '\n' && !inQuotes) {
        if (recordHasContent) ++records;
        recordHasContent = false;
      } else if (c != '\r') {
        recordHasContent = true;
      }
    }
  }
  if (in.bad()) throw Error(path + ": read error");
  if (inQuotes) throw Error(path + ": CSV ends inside a quoted field");
  if (recordHasContent) ++records;
  return records == 0 ? 0 : records - 1;
}

namespace {
class RecordCounter : public Poco::XML::DefaultHandler {
 public:
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes&) override {
    if (++depth_ == 2) ++records_;
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString&) override {
    --depth_;
  }
  std::uint64_t records() const { return records_; }

 private:
  int depth_ = 0;
  std::uint64_t records_ = 0;
};
}  // namespace

std::uint64_t countXmlRows(const std::string& path) {
  std::ifstream in(pathFromUtf8(path), std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  RecordCounter counter;
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&counter);
  Poco::XML::InputSource source(in);
  try {
    parser.parse(&source);
  } catch (const Poco::Exception& e) {
    throw Error(path + ": not well-formed XML: " + e.displayText());
  }
  return counter.records();
}

std::uint64_t countRows(const std::string& path, const std::string& format) {
  if (format == "csv") return countCsvRows(path);
  if (format == "xml") return countXmlRows(path);
  throw Error(path + ": unknown dataset format '" + format + "'");
}

}  // namespace brobyg::package
