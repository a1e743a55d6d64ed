#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace brobyg {

// A stream buffer that passes text on to `target` a line at a time, each line through
// maskIdentifiers: whatever a command prints (a usage error quoting an argument, a plugin's
// delivery error, a file name) cannot show a CPR number. Partial lines wait for their end so
// that a number is never split between two writes (sync() passes only whole lines); the
// destructor passes on the rest.
class MaskingStreamBuf : public std::streambuf {
 public:
  explicit MaskingStreamBuf(std::streambuf* target) : target_(target) {}
  ~MaskingStreamBuf() override;
  MaskingStreamBuf(const MaskingStreamBuf&) = delete;
  MaskingStreamBuf& operator=(const MaskingStreamBuf&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void passCompleteLines();
  void passAll();

  std::streambuf* target_;
  std::string pending_;
};

// The only output of brobyg and brobygd on the terminal: stdout and stderr, masked.
namespace console {
std::ostream& out();
std::ostream& err();
}  // namespace console

}  // namespace brobyg
