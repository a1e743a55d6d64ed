#pragma once

// Raw deflate (RFC 1951, no zlib or gzip wrapper), as ZIP method 8 stores it.
//
// Two engines: zlib (every level) and Intel ISA-L igzip (levels 1-3 only, when brobyg was
// built with it). makeDeflater picks ISA-L for brobyg levels 1-3 and zlib for 4-9:
//   brobyg 1 -> igzip 1, brobyg 2 -> igzip 2, brobyg 3 -> igzip 3, brobyg 4..9 -> zlib 4..9.
// igzip 1-3 run several times faster than zlib 1 (bench/README.md); their ratio lies between
// zlib 1 and zlib 6. Level 0 (store) never deflates: ZipWriter copies the bytes.

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace brobyg::package {

enum class DeflateEngine { Zlib, Isal };

// "zlib" or "isa-l".
const char* engineName(DeflateEngine engine);
// Whether this build has the engine (zlib always; ISA-L when found at configure time).
bool engineAvailable(DeflateEngine engine);
// The engine makeDeflater(level) uses.
DeflateEngine preferredEngine(int level);

// One deflate stream at a time, reusable for the next one after reset(), so that a package
// of many entries allocates the engine's state once.
class Deflater {
 public:
  using Sink = std::function<void(const char* data, std::size_t size)>;

  virtual ~Deflater() = default;
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  virtual DeflateEngine engine() const = 0;
  int level() const { return level_; }

  // Compresses `size` bytes and hands the compressed bytes to `sink` (possibly none yet).
  // `last` ends the stream: everything still held is flushed. Throws brobyg::Error.
  virtual void write(const char* data, std::size_t size, bool last, const Sink& sink) = 0;
  // Starts a fresh stream with the same level.
  virtual void reset() = 0;
  // Right after reset(): the stream may refer back into `dictionary` (at most 32 KiB, the
  // input just before this stream's in a longer one; BlockDeflater).
  virtual void prime(std::string_view dictionary) = 0;
  // Hands out everything written so far and ends it at a byte boundary (an empty stored
  // block, 00 00 FF FF), without ending the stream.
  virtual void sync(const Sink& sink) = 0;

 protected:
  explicit Deflater(int level) : level_(level) {}

 private:
  int level_ = 0;
};

// Level 1-9 with the preferred engine. Throws brobyg::Error on a level outside 1-9.
std::unique_ptr<Deflater> makeDeflater(int level);
// A given engine: zlib takes 1-9, ISA-L 1-3. Throws brobyg::Error when the engine is not in
// this build or does not have the level.
std::unique_ptr<Deflater> makeDeflater(DeflateEngine engine, int level);

}  // namespace brobyg::package
