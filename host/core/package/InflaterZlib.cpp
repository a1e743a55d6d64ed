#include <zlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "package/DeflateEngines.h"
#include "util/Error.h"

namespace brobyg::package::detail {

namespace {

constexpr std::size_t kOutBufferSize = 256 * 1024;
constexpr std::size_t kMaxChunk = 1u << 30;  // z_stream counts in 32-bit uInt

class ZlibInflater final : public Inflater {
 public:
  explicit ZlibInflater(const std::string& what) : Inflater(what), out_(kOutBufferSize) {
    if (inflateInit2(&zs_, -MAX_WBITS) != Z_OK) throw Error(what + ": cannot initialise zlib");
  }
  ~ZlibInflater() override { inflateEnd(&zs_); }
  ZlibInflater(const ZlibInflater&) = delete;
  ZlibInflater& operator=(const ZlibInflater&) = delete;

  DeflateEngine engine() const override { return DeflateEngine::Zlib; }
  bool finished() const override { return finished_; }

  std::size_t write(const char* data, std::size_t size, const Sink& sink) override {
    std::size_t consumed = 0;
    while (consumed < size && !finished_) {
      std::size_t n = std::min(size - consumed, kMaxChunk);
      consumed += decompress(data + consumed, n, sink);
    }
    return consumed;
  }

 private:
  std::size_t decompress(const char* data, std::size_t size, const Sink& sink) {
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    zs_.avail_in = static_cast<uInt>(size);
    // Runs until the input is used up and zlib has nothing left to give (output not full).
    for (;;) {
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
      zs_.avail_out = static_cast<uInt>(out_.size());
      int rc = inflate(&zs_, Z_NO_FLUSH);
      std::size_t produced = out_.size() - zs_.avail_out;
      if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && produced == 0))
        throw Error(what() + ": corrupt deflate data (zlib " + std::to_string(rc) + ")");
      if (produced > 0) sink(out_.data(), produced);
      if (rc == Z_STREAM_END) {
        finished_ = true;
        break;
      }
      if (zs_.avail_out != 0 && zs_.avail_in == 0) break;
      if (rc == Z_BUF_ERROR) break;  // no progress possible: needs more input
    }
    return size - zs_.avail_in;
  }

  z_stream zs_{};
  std::vector<char> out_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Inflater> makeZlibInflater(const std::string& what) {
  return std::make_unique<ZlibInflater>(what);
}

}  // namespace brobyg::package::detail
