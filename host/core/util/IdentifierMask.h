#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <string>
#include <string_view>

namespace brobyg {

// Replaces anything that looks like a CPR number (6 digits, optional '-' or space, 4 digits,
// not inside a longer digit run) with "**********". The last line of defence for logs.
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
