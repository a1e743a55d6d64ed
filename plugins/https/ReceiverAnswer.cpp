#include "ReceiverAnswer.h"

#include <brobyg_plugin.hpp>

namespace brobyg::https {

std::string shortReason(const std::string& body, std::size_t limit) {
  std::string reason;
  for (char c : body) {
    if (c == '\n' || c == '\r' || reason.size() >= limit) break;
    if (c >= 0x20 && c < 0x7f) reason += c;
  }
  return reason;
}

std::string receiptFrom(int status, const std::string& body, const std::string& where) {
  if (status >= 200 && status < 300) {
    // A receiver answers a stored package with its receipt; an empty answer proves nothing,
    // and another try asks again (the receiver answers a repeat with the same receipt).
    if (body.empty())
      throw sdk::RetryLater(where + " answered " + std::to_string(status) + " without a receipt");
    return body;
  }
  const std::string reason = shortReason(body);
  const std::string what = where + " answered " + std::to_string(status) +
                           (reason.empty() ? std::string() : ": " + reason);
  if (status == 408 || status == 429 || (status >= 500 && status < 600))
    throw sdk::RetryLater(what);
  switch (status) {
    case 400:
    case 403:
    case 409:
    case 413:
    case 422:
      throw sdk::Error(what + " (refused; another try would get the same answer)");
    default:
      throw sdk::Error(what + " (not a receiver's answer: check the setting url)");
  }
}

}  // namespace brobyg::https
