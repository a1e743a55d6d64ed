#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "package/DeflateEngines.h"
#include "util/Error.h"

namespace brobyg::package::detail {

namespace {

constexpr std::size_t kOutBufferSize = 256 * 1024;
constexpr std::size_t kMaxChunk = 1u << 30;  // isal_zstream counts in 32 bits

// The work memory each igzip level needs (igzip_lib.h: ISAL_DEF_LVLn_DEFAULT).
std::size_t levelBufferSize(int level) {
  constexpr std::array<std::size_t, 4> sizes{ISAL_DEF_LVL0_DEFAULT, ISAL_DEF_LVL1_DEFAULT,
                                             ISAL_DEF_LVL2_DEFAULT, ISAL_DEF_LVL3_DEFAULT};
  return sizes.at(static_cast<std::size_t>(level));
}

// igzip streaming deflate without header or trailer (gzip_flag IGZIP_DEFLATE): raw deflate.
class IsalDeflater final : public Deflater {
 public:
  explicit IsalDeflater(int level)
      : Deflater(level),
        zs_(std::make_unique<isal_zstream>()),
        levelBuffer_(levelBufferSize(level)),
        out_(kOutBufferSize) {
    reset();
  }

  DeflateEngine engine() const override { return DeflateEngine::Isal; }

  void write(const char* data, std::size_t size, bool last, const Sink& sink) override {
    do {
      std::size_t n = std::min(size, kMaxChunk);
      compress(data, n, last && n == size, sink);
      data += n;
      size -= n;
    } while (size > 0);
  }

  void reset() override {
    isal_deflate_init(zs_.get());
    zs_->level = static_cast<std::uint32_t>(level());
    zs_->level_buf = levelBuffer_.empty() ? nullptr : levelBuffer_.data();
    zs_->level_buf_size = static_cast<std::uint32_t>(levelBuffer_.size());
    zs_->gzip_flag = IGZIP_DEFLATE;
    zs_->hist_bits = 0;  // the full 32 KiB window
    zs_->flush = NO_FLUSH;
  }

  void prime(std::string_view dictionary) override {
    if (dictionary.empty()) return;
    // igzip takes a non-const pointer but only copies the dictionary.
    auto* bytes = reinterpret_cast<std::uint8_t*>(const_cast<char*>(dictionary.data()));
    if (isal_deflate_set_dict(zs_.get(), bytes, static_cast<std::uint32_t>(dictionary.size())) !=
        COMP_OK)
      throw Error("deflate: ISA-L refused the dictionary");
  }

  void sync(const Sink& sink) override {
    zs_->flush = SYNC_FLUSH;
    compress(nullptr, 0, false, sink);
    zs_->flush = NO_FLUSH;
  }

 private:
  void compress(const char* data, std::size_t size, bool last, const Sink& sink) {
    // igzip takes a non-const pointer but does not write through next_in.
    zs_->next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(data));
    zs_->avail_in = static_cast<std::uint32_t>(size);
    zs_->end_of_stream = last ? 1 : 0;
    for (;;) {
      zs_->next_out = reinterpret_cast<std::uint8_t*>(out_.data());
      zs_->avail_out = static_cast<std::uint32_t>(out_.size());
      int rc = isal_deflate(zs_.get());
      if (rc != COMP_OK) throw Error("deflate: ISA-L error " + std::to_string(rc));
      std::size_t produced = out_.size() - zs_->avail_out;
      if (produced > 0) sink(out_.data(), produced);
      if (zs_->avail_out != 0 && zs_->avail_in == 0 &&
          (!last || zs_->internal_state.state == ZSTATE_END))
        break;
    }
  }

  std::unique_ptr<isal_zstream> zs_;  // large (history buffer and hash table): on the heap
  std::vector<std::uint8_t> levelBuffer_;
  std::vector<char> out_;
};

}  // namespace

std::unique_ptr<Deflater> makeIsalDeflater(int level) {
  return std::make_unique<IsalDeflater>(level);
}

}  // namespace brobyg::package::detail
