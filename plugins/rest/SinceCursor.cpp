#include "SinceCursor.h"

#include <brobyg_plugin.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <openssl/evp.h>

#include <algorithm>
#include <sstream>

namespace brobyg::rest {
namespace {

bool isInteger(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Compares non-negative digit strings by value (leading zeros ignored).
int compareMagnitudes(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
  while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int sign(int value) {
  return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

}  // namespace

int compareCursorValues(std::string_view a, std::string_view b) {
  if (isInteger(a) && isInteger(b)) {
    const bool negA = a[0] == '-';
    const bool negB = b[0] == '-';
    if (negA != negB) return negA ? -1 : 1;
    const int magnitude = compareMagnitudes(a.substr(negA ? 1 : 0), b.substr(negB ? 1 : 0));
    return negA ? -magnitude : magnitude;
  }
  return sign(a.compare(b));
}

SinceCursor SinceCursor::parse(const std::string& text) {
  const sdk::Error bad(
      "the stored cursor is not one the rest plugin wrote (was the source's "
      "plugin changed?)");
  SinceCursor cursor;
  try {
    Poco::JSON::Parser parser;
    const auto root = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    if (root.isNull() || root->getValue<int>("v") != 1) throw bad;
    if (root->has("since") && !root->get("since").isEmpty())
      cursor.since_ = root->getValue<std::string>("since");
    const auto ties = root->getArray("ties");
    if (ties.isNull()) throw bad;
    for (std::size_t i = 0; i < ties->size(); ++i)
      cursor.ties_.insert(ties->getElement<std::string>(static_cast<unsigned int>(i)));
  } catch (const sdk::Error&) {
    throw;
  } catch (const std::exception&) {
    throw bad;
  }
  return cursor;
}

std::string SinceCursor::serialise() const {
  Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("v", 1);
  if (since_) root.set("since", *since_);
  Poco::JSON::Array ties;
  for (const std::string& tie : ties_) ties.add(tie);
  root.set("ties", ties);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

bool SinceCursor::seen(std::string_view value, std::string_view tie) const {
  if (!since_) return false;
  const int order = compareCursorValues(value, *since_);
  if (order != 0) return order < 0;
  return ties_.count(digest(tie)) != 0;
}

void SinceCursor::deliver(std::string_view value, std::string_view tie) {
  const int order = since_ ? compareCursorValues(value, *since_) : 1;
  if (order < 0) return;
  if (order > 0) {
    since_ = std::string(value);
    ties_.clear();
  }
  ties_.insert(digest(tie));
}

std::string SinceCursor::digest(std::string_view tie) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(tie.data(), tie.size(), md, &size, EVP_sha256(), nullptr) != 1)
    throw sdk::Error("SHA-256 failed");
  static const char* const kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 16; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 0xF];
  }
  return hex;
}

}  // namespace brobyg::rest
