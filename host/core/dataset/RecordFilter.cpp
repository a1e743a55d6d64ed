#include "dataset/RecordFilter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::dataset {

// Finds where each record ends in the byte stream of one dataset file.
class RecordEnds {
 public:
  RecordEnds(std::string_view format, const DatasetSpec& spec) {
    if (format == "csv") {
      headerLines_ = 1;
      quoted_ = true;
    } else if (format == "xml") {
      headerLines_ = 2;  // the XML declaration, then the root's start tag
      close_ = "</" + spec.xmlRecord() + ">";
    } else {
      throw Error("no dataset format '" + std::string(format) + "'");
    }
  }
  // Whether `c` ends the header or a record.
  bool ends(char c) {
    if (quoted_ && c == '"') inQuotes_ = !inQuotes_;
    if (c != '\n') {
      if (!close_.empty()) match(c);
      return false;
    }
    if (inQuotes_) return false;
    if (headerLines_ > 0) return --headerLines_ == 0;
    const bool closed = close_.empty() || matched_ == close_.size();
    matched_ = 0;
    return closed;
  }

 private:
  // How much of the record's end tag the last bytes spell ('<' starts it and nothing else).
  void match(char c) {
    if (matched_ < close_.size() && c == close_[matched_])
      ++matched_;
    else
      matched_ = c == '<' ? 1 : 0;
  }
  int headerLines_ = 0;
  bool quoted_ = false;
  bool inQuotes_ = false;
  std::string close_;
  std::size_t matched_ = 0;
};

RecordDropper::RecordDropper(std::string_view format, const DatasetSpec& spec,
                             const std::vector<bool>& dropped)
    : ends_(std::make_unique<RecordEnds>(format, spec)), dropped_(dropped) {}

RecordDropper::~RecordDropper() = default;

void RecordDropper::filter(const char* data, std::size_t size, std::string& kept) {
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    // Past the last record (the XML footer) nothing is dropped.
    const bool drop = !header_ && record_ < dropped_.size() && dropped_[record_];
    if (!drop) kept.push_back(c);
    if (ends_->ends(c)) {
      if (header_)
        header_ = false;
      else
        ++record_;
    }
  }
}

void RecordDropper::finish(const std::string& what) const {
  if (record_ < dropped_.size())
    throw Error(what + ": holds " + std::to_string(record_) + " records, fewer than the " +
                std::to_string(dropped_.size()) + " written");
}

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

void dropRecords(std::string_view format, const DatasetSpec& spec, const std::string& path,
                 const std::vector<bool>& dropped, Durability durability) {
  std::unique_ptr<std::FILE, FileCloser> in(openFileUtf8(path, "rb"));
  if (!in) throw Error(path + ": cannot read to drop rows: " + std::strerror(errno));
  AtomicFile out(path, true, durability);
  RecordDropper dropper(format, spec, dropped);
  std::vector<char> buffer(64 * 1024);
  std::string kept;
  kept.reserve(buffer.size());
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    if (n == 0) {
      if (std::ferror(in.get()))
        throw Error(path + ": cannot read to drop rows: " + std::strerror(errno));
      break;
    }
    kept.clear();
    dropper.filter(buffer.data(), n, kept);
    out.write(kept);
  }
  dropper.finish(path);
  in.reset();  // Windows cannot rename over a file that is still open
  out.commit();
}

}  // namespace brobyg::dataset
