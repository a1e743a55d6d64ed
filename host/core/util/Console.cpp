#include "util/Console.h"

#include <iostream>

#include "util/IdentifierMask.h"

namespace brobyg {

MaskingStreamBuf::~MaskingStreamBuf() {
  passAll();
  target_->pubsync();
}

MaskingStreamBuf::int_type MaskingStreamBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_.push_back(traits_type::to_char_type(c));
  if (pending_.back() == '\n') passCompleteLines();
  return c;
}

std::streamsize MaskingStreamBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  passCompleteLines();
  return n;
}

// Only whole lines: a flush in the middle of a line must not split a number in two.
int MaskingStreamBuf::sync() {
  passCompleteLines();
  return target_->pubsync();
}

void MaskingStreamBuf::passCompleteLines() {
  std::size_t end = pending_.rfind('\n');
  if (end == std::string::npos) return;
  std::string masked = maskIdentifiers(std::string_view(pending_).substr(0, end + 1));
  target_->sputn(masked.data(), static_cast<std::streamsize>(masked.size()));
  pending_.erase(0, end + 1);
}

void MaskingStreamBuf::passAll() {
  passCompleteLines();
  if (pending_.empty()) return;
  std::string masked = maskIdentifiers(pending_);
  target_->sputn(masked.data(), static_cast<std::streamsize>(masked.size()));
  pending_.clear();
}

namespace console {

// Function statics: destroyed at exit after main() returns, which passes on a last line
// without its newline; std::cout and std::cerr outlive them.
std::ostream& out() {
  static MaskingStreamBuf buffer(std::cout.rdbuf());
  static std::ostream stream(&buffer);
  return stream;
}

std::ostream& err() {
  static MaskingStreamBuf buffer(std::cerr.rdbuf());
  static std::ostream stream(&buffer);
  return stream;
}

}  // namespace console
}  // namespace brobyg
