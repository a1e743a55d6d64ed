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

class ZlibDeflater final : public Deflater {
 public:
  explicit ZlibDeflater(int level) : Deflater(level), out_(kOutBufferSize) {
    if (deflateInit2(&zs_, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw Error("deflate: cannot initialise zlib at level " + std::to_string(level));
  }
  ~ZlibDeflater() override { deflateEnd(&zs_); }
  ZlibDeflater(const ZlibDeflater&) = delete;
  ZlibDeflater& operator=(const ZlibDeflater&) = delete;

  DeflateEngine engine() const override { return DeflateEngine::Zlib; }

  void write(const char* data, std::size_t size, bool last, const Sink& sink) override {
    do {
      std::size_t n = std::min(size, kMaxChunk);
      bool end = last && n == size;
      compress(data, n, end ? Z_FINISH : Z_NO_FLUSH, sink);
      data += n;
      size -= n;
    } while (size > 0);
  }

  void reset() override {
    if (deflateReset(&zs_) != Z_OK) throw Error("deflate: zlib deflateReset failed");
  }

  void prime(std::string_view dictionary) override {
    if (dictionary.empty()) return;
    if (deflateSetDictionary(&zs_, reinterpret_cast<const Bytef*>(dictionary.data()),
                             static_cast<uInt>(dictionary.size())) != Z_OK)
      throw Error("deflate: zlib refused the dictionary");
  }

  void sync(const Sink& sink) override { compress(nullptr, 0, Z_SYNC_FLUSH, sink); }

 private:
  void compress(const char* data, std::size_t size, int flush, const Sink& sink) {
    // zlib takes a non-const pointer but does not write through next_in.
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    zs_.avail_in = static_cast<uInt>(size);
    int rc = Z_OK;
    do {
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
      zs_.avail_out = static_cast<uInt>(out_.size());
      rc = deflate(&zs_, flush);
      if (rc == Z_STREAM_ERROR) throw Error("deflate: zlib stream error");
      std::size_t produced = out_.size() - zs_.avail_out;
      if (produced > 0) sink(out_.data(), produced);
    } while (zs_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }

  z_stream zs_{};
  std::vector<char> out_;
};

}  // namespace

std::unique_ptr<Deflater> makeZlibDeflater(int level) {
  return std::make_unique<ZlibDeflater>(level);
}

}  // namespace brobyg::package::detail
