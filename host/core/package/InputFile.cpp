#include "package/InputFile.h"

#include <cerrno>
#include <cstring>

#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::package {

namespace {

int seekTo(std::FILE* f, std::uint64_t offset, int whence) {
#ifdef _WIN32
  return _fseeki64(f, static_cast<__int64>(offset), whence);
#else
  return fseeko(f, static_cast<off_t>(offset), whence);
#endif
}

std::int64_t tellOf(std::FILE* f) {
#ifdef _WIN32
  return _ftelli64(f);
#else
  return static_cast<std::int64_t>(ftello(f));
#endif
}

}  // namespace

InputFile::InputFile(const std::string& path) : path_(path), file_(openFileUtf8(path, "rb")) {
  if (!file_) throw Error(path + ": cannot open for reading: " + std::strerror(errno));
  if (seekTo(file_.get(), 0, SEEK_END) != 0) throw Error(path + ": cannot get size");
  std::int64_t end = tellOf(file_.get());
  if (end < 0) throw Error(path + ": cannot get size");
  size_ = static_cast<std::uint64_t>(end);
  position_ = size_;
}

void InputFile::seek(std::uint64_t offset) {
  if (offset == position_) return;
  if (seekTo(file_.get(), offset, SEEK_SET) != 0) throw Error(path_ + ": cannot seek");
  position_ = offset;
}

std::size_t InputFile::readAt(std::uint64_t offset, char* data, std::size_t n) {
  if (offset >= size_) return 0;
  if (n > size_ - offset) n = static_cast<std::size_t>(size_ - offset);
  seek(offset);
  std::size_t got = std::fread(data, 1, n, file_.get());
  position_ += got;
  if (got < n && std::ferror(file_.get())) throw Error(path_ + ": read error");
  return got;
}

// The BIO's state: the file and the next offset to read. Exceptions must not unwind through
// OpenSSL, so a read error is kept and reported as a failed read.
struct InputFileBio {
  InputFile* file = nullptr;
  std::uint64_t offset = 0;

  static int read(BIO* bio, char* data, int size) {
    auto* state = static_cast<InputFileBio*>(BIO_get_data(bio));
    if (state == nullptr || size < 0) return -1;
    try {
      std::size_t got = state->file->readAt(state->offset, data, static_cast<std::size_t>(size));
      state->offset += got;
      return static_cast<int>(got);
    } catch (const std::exception&) {
      return -1;
    }
  }
  static long ctrl(BIO* bio, int cmd, long, void*) {
    auto* state = static_cast<InputFileBio*>(BIO_get_data(bio));
    if (cmd == BIO_CTRL_EOF) return state != nullptr && state->offset >= state->file->size();
    return 0;
  }
  static int create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
  }
  static int destroy(BIO* bio) {
    delete static_cast<InputFileBio*>(BIO_get_data(bio));
    BIO_set_data(bio, nullptr);
    return 1;
  }
  static const BIO_METHOD* method() {
    // Made once and kept for the life of the process, as OpenSSL's own BIO methods are.
    static BIO_METHOD* m = [] {
      BIO_METHOD* made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "brobyg input");
      if (made == nullptr || BIO_meth_set_read(made, read) != 1 ||
          BIO_meth_set_ctrl(made, ctrl) != 1 || BIO_meth_set_create(made, create) != 1 ||
          BIO_meth_set_destroy(made, destroy) != 1)
        ossl::fail("cannot create the input BIO method");
      return made;
    }();
    return m;
  }
};

ossl::BioPtr InputFile::bio() {
  ossl::BioPtr bio(BIO_new(InputFileBio::method()));
  if (!bio) ossl::fail(path_ + ": cannot create input BIO");
  BIO_set_data(bio.get(), new InputFileBio{this, 0});
  return bio;
}

}  // namespace brobyg::package
