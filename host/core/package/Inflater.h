#pragma once

// Raw inflate (RFC 1951) for ZIP method 8: ISA-L igzip when brobyg was built with it (several
// times faster than zlib), zlib otherwise. Both accept any valid deflate stream.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "package/Deflater.h"

namespace brobyg::package {

class Inflater {
 public:
  using Sink = std::function<void(const char* data, std::size_t size)>;

  virtual ~Inflater() = default;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  virtual DeflateEngine engine() const = 0;

  // Decompresses from `data` and hands the output to `sink` in pieces, until the input is used
  // up or the deflate stream ends. Returns the input bytes consumed: fewer than `size` only when
  // the stream ended before them. Throws brobyg::Error (naming `what`) on corrupt data.
  virtual std::size_t write(const char* data, std::size_t size, const Sink& sink) = 0;
  // Whether the final deflate block has been decoded and all its output delivered.
  virtual bool finished() const = 0;

 protected:
  explicit Inflater(std::string what) : what_(std::move(what)) {}
  const std::string& what() const { return what_; }

 private:
  std::string what_;
};

// The fastest engine in this build; `what` names the data in error messages.
std::unique_ptr<Inflater> makeInflater(const std::string& what);
// A given engine; throws brobyg::Error when it is not in this build.
std::unique_ptr<Inflater> makeInflater(DeflateEngine engine, const std::string& what);

}  // namespace brobyg::package
