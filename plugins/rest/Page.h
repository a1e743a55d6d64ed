// One response body read as a page: its records and, with next-link paging, the next URL.
// The part of the plugin that outside bytes reach first (fuzzed: fuzz/rest_page.cpp).
#pragma once

#include "JsonPath.h"

#include <Poco/JSON/Array.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace brobyg::rest {

// A body that is not a page: malformed JSON (with line and column) or no records array.
// The text never quotes the body.
class PageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Page {
  Poco::JSON::Array::Ptr records;   // never null
  std::optional<std::string> next;  // the next page's URL as written, when there is one
};

// `next` is the path of the next link, or nothing when paging is not by next link.
Page readPage(const std::string& body, const JsonPath& records,
              const std::optional<JsonPath>& next);

}  // namespace brobyg::rest
