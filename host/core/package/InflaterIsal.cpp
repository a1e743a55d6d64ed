#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "package/DeflateEngines.h"
#include "util/Error.h"

namespace brobyg::package::detail {

namespace {

constexpr std::size_t kOutBufferSize = 256 * 1024;
constexpr std::size_t kMaxChunk = 1u << 30;  // inflate_state counts in 32 bits

// igzip streaming inflate of raw deflate (crc_flag ISAL_DEFLATE: no wrapper, no checksum).
class IsalInflater final : public Inflater {
 public:
  explicit IsalInflater(const std::string& what)
      : Inflater(what), state_(std::make_unique<inflate_state>()), out_(kOutBufferSize) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_DEFLATE;
    state_->hist_bits = 0;  // the full 32 KiB window
  }

  DeflateEngine engine() const override { return DeflateEngine::Isal; }
  bool finished() const override { return state_->block_state == ISAL_BLOCK_FINISH; }

  std::size_t write(const char* data, std::size_t size, const Sink& sink) override {
    std::size_t consumed = 0;
    while (consumed < size && !finished()) {
      std::size_t n = std::min(size - consumed, kMaxChunk);
      consumed += decompress(data + consumed, n, sink);
    }
    return consumed;
  }

 private:
  std::size_t decompress(const char* data, std::size_t size, const Sink& sink) {
    state_->next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(data));
    state_->avail_in = static_cast<std::uint32_t>(size);
    // isal_inflate returns when the input is used up, the output is full or the stream ends;
    // with the output full it may hold more, so it runs again until the output is not full.
    for (;;) {
      state_->next_out = reinterpret_cast<std::uint8_t*>(out_.data());
      state_->avail_out = static_cast<std::uint32_t>(out_.size());
      int rc = isal_inflate(state_.get());
      if (rc < 0) throw Error(what() + ": corrupt deflate data (ISA-L " + std::to_string(rc) + ")");
      std::size_t produced = out_.size() - state_->avail_out;
      if (produced > 0) sink(out_.data(), produced);
      if (finished()) break;
      if (state_->avail_out != 0) break;  // all input taken in, nothing held back
    }
    return size - state_->avail_in;
  }

  std::unique_ptr<inflate_state> state_;  // large (decode tables, 64 KiB window): on the heap
  std::vector<char> out_;
};

}  // namespace

std::unique_ptr<Inflater> makeIsalInflater(const std::string& what) {
  return std::make_unique<IsalInflater>(what);
}

}  // namespace brobyg::package::detail
