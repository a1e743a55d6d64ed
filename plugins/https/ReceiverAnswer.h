// What the receiver's HTTP answer means for the delivery (the receiver's protocol is in
// docs/evaluator-guide.md): 2xx delivered, with the receipt as the body; 400, 403, 409, 413
// and 422 refused for good (sdk::Error); 408, 429 and 5xx busy or broken for now
// (sdk::RetryLater); anything else refused for good, as a misconfigured URL would be.
#pragma once

#include <string>

namespace brobyg::https {

// The receipt (the body of a 2xx answer). Throws sdk::Error or sdk::RetryLater naming the
// status and the receiver's short reason (the body's first line, printable characters only,
// at most 200). `where` names the receiver in the message.
std::string receiptFrom(int status, const std::string& body, const std::string& where);

// The first line of `body`, printable ASCII only, at most `limit` characters.
std::string shortReason(const std::string& body, std::size_t limit = 200);

}  // namespace brobyg::https
