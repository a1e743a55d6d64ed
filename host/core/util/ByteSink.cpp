#include "util/ByteSink.h"

namespace brobyg {

namespace {

class FileSink final : public ByteSink {
 public:
  FileSink(const std::string& target, Durability durability) : file_(target, true, durability) {}
  void write(const char* data, std::size_t size) override { file_.write(data, size); }
  std::uint64_t commit() override {
    file_.commit();
    return file_.bytesWritten();
  }
  const std::string& target() const override { return file_.target(); }

 private:
  AtomicFile file_;
};

}  // namespace

std::unique_ptr<ByteSink> fileSink(const std::string& target, Durability durability) {
  return std::make_unique<FileSink>(target, durability);
}

}  // namespace brobyg
