#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <string>
#include <string_view>

namespace brobyg {

// Replaces anything that looks like a CPR number with "**********" (always ten '*'). The last
// line of defence for logs and printed text. A match is a plausible day and month DDMM, then
// YY and a 4-digit serial number, with up to 3 separators (space, tab, - . / _ and their
// Unicode look-alikes) between the date's parts and up to 5 before the serial number, also
// inside a longer run of digits; or the same nine digits whose leading zero a spreadsheet
// dropped, standing alone. Dates (2026-12-01), sizes and counts without a plausible DDMM, and
// digests that stand alone (16, 32, 40, 64 or 128 hex digits, with a letter) stay readable.
// Linear in the text's length.
std::string maskIdentifiers(std::string_view text);

// Whether maskIdentifiers would hide anything in `text`; allocates nothing (for hot paths).
bool containsIdentifier(std::string_view text);

// A Poco channel that masks every message before passing it on.
class MaskingChannel : public Poco::Channel {
 public:
  explicit MaskingChannel(Poco::AutoPtr<Poco::Channel> next);
  void log(const Poco::Message& msg) override;
  void open() override;
  void close() override;

 private:
  Poco::AutoPtr<Poco::Channel> next_;
};

}  // namespace brobyg
