// The Retry-After header of a 429 or 503 (RFC 9110 §10.2.3): delay-seconds or an HTTP-date
// (IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT").
#pragma once

#include <Poco/Timestamp.h>

#include <chrono>
#include <optional>
#include <string>

namespace brobyg::rest {

// The wait the server asks for, from `now`; a date in the past is 0 s. Nothing when the
// header is absent or neither form.
std::optional<std::chrono::seconds> parseRetryAfter(const std::string& value,
                                                    const Poco::Timestamp& now);

}  // namespace brobyg::rest
