#include "util/IdentifierMask.h"

#include <Poco/Message.h>

namespace brobyg {

namespace {
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a CPR-like match at `i`, or 0.
std::size_t cprAt(std::string_view s, std::size_t i) {
  if (i > 0 && isDigit(s[i - 1])) return 0;
  std::size_t j = i;
  for (int k = 0; k < 6; ++k, ++j)
    if (j >= s.size() || !isDigit(s[j])) return 0;
  if (j < s.size() && (s[j] == '-' || s[j] == ' ')) ++j;
  for (int k = 0; k < 4; ++k, ++j)
    if (j >= s.size() || !isDigit(s[j])) return 0;
  if (j < s.size() && isDigit(s[j])) return 0;
  return j - i;
}
}  // namespace

std::string maskIdentifiers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = isDigit(text[i]) ? cprAt(text, i) : 0;
    if (n != 0) {
      out.append("**********");
      i += n;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

MaskingChannel::MaskingChannel(Poco::AutoPtr<Poco::Channel> next) : next_(std::move(next)) {}

void MaskingChannel::log(const Poco::Message& msg) {
  Poco::Message masked(msg);
  masked.setText(maskIdentifiers(msg.getText()));
  next_->log(masked);
}

void MaskingChannel::open() { next_->open(); }
void MaskingChannel::close() { next_->close(); }

}  // namespace brobyg
