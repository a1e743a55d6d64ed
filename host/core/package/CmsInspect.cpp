#include "package/CmsInspect.h"

#include <array>
#include <optional>
#include <vector>

#include "package/InputFile.h"
#include "util/Error.h"

namespace brobyg::package {

namespace {

// id-ct-authEnvelopedData, 1.2.840.113549.1.9.16.1.23 (RFC 5083), DER-encoded with its header.
constexpr std::array<unsigned char, 13> kAuthEnvelopedOid = {
    0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17};
constexpr int kMaxDepth = 32;

struct Header {
  unsigned char tag = 0;                // identifier octet (low-tag-number form only)
  std::uint64_t start = 0;              // offset of the identifier octet
  std::uint64_t content = 0;            // offset of the first content octet
  std::optional<std::uint64_t> length;  // none: indefinite
  bool constructed() const { return (tag & 0x20) != 0; }
  bool endOfContents() const { return tag == 0 && length == 0; }
};

class BerFile {
 public:
  BerFile(InputFile& in, const std::string& kind)
      : path_(in.path()), kind_(kind), in_(in), size_(in.size()) {}

  std::uint64_t size() const { return size_; }

  [[noreturn]] void malformed(const std::string& what) const {
    throw Error(path_ + ": not a valid " + kind_ + " file (" + what + ")");
  }

  // Buffered, because streamed CMS splits the content into many small chunks whose headers
  // are read one after the other.
  unsigned char byteAt(std::uint64_t pos) {
    if (pos >= size_) malformed("truncated");
    if (pos < bufferStart_ || pos >= bufferStart_ + bufferLength_) {
      bufferStart_ = pos;
      bufferLength_ = in_.readAt(pos, buffer_.data(), buffer_.size());
      if (bufferLength_ == 0) malformed("read error");
    }
    return static_cast<unsigned char>(buffer_[static_cast<std::size_t>(pos - bufferStart_)]);
  }

  Header header(std::uint64_t pos) {
    Header h;
    h.start = pos;
    h.tag = byteAt(pos++);
    if ((h.tag & 0x1F) == 0x1F) malformed("high tag number");
    unsigned char first = byteAt(pos++);
    if (first < 0x80) {
      h.length = first;
    } else if (first > 0x80) {
      int count = first & 0x7F;
      if (count > 8) malformed("length too long");
      std::uint64_t length = 0;
      for (int i = 0; i < count; ++i) length = (length << 8) | byteAt(pos++);
      h.length = length;
    } else if (!h.constructed()) {
      malformed("indefinite length on a primitive value");
    }
    h.content = pos;
    if (h.length && (*h.length > size_ || h.content > size_ - *h.length))
      malformed("length beyond the end of the file");
    return h;
  }

  // Offset just after the element that starts at `h`.
  std::uint64_t end(const Header& h, int depth = 0) {
    if (h.length) return h.content + *h.length;
    if (depth > kMaxDepth) malformed("nested too deeply");
    std::uint64_t pos = h.content;
    for (;;) {
      Header child = header(pos);
      if (child.endOfContents()) return child.content;
      pos = end(child, depth + 1);
    }
  }

  // Offset of the first child of `h` after `pos`, or nullopt at the end of `h`.
  std::optional<Header> next(const Header& parent, std::uint64_t pos) {
    if (parent.length && pos >= parent.content + *parent.length) return std::nullopt;
    Header h = header(pos);
    if (!parent.length && h.endOfContents()) return std::nullopt;
    return h;
  }

  bool matches(std::uint64_t pos, const unsigned char* bytes, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (byteAt(pos + i) != bytes[i]) return false;
    return true;
  }

 private:
  std::string path_;
  std::string kind_;
  InputFile& in_;
  std::uint64_t size_ = 0;
  std::vector<char> buffer_ = std::vector<char>(64 * 1024);
  std::uint64_t bufferStart_ = 0;
  std::uint64_t bufferLength_ = 0;
};

}  // namespace

std::size_t authEnvelopedTagLength(const std::string& path) {
  InputFile in(path);
  return authEnvelopedTagLength(in);
}

std::size_t authEnvelopedTagLength(InputFile& in) {
  BerFile ber(in, "CMS AuthEnvelopedData");
  Header contentInfo = ber.header(0);
  if (contentInfo.tag != 0x30) ber.malformed("no ContentInfo");
  auto oid = ber.next(contentInfo, contentInfo.content);
  if (!oid || !ber.matches(oid->start, kAuthEnvelopedOid.data(), kAuthEnvelopedOid.size()))
    ber.malformed("content type is not id-ct-authEnvelopedData");
  auto explicitContent = ber.next(contentInfo, ber.end(*oid));
  if (!explicitContent || explicitContent->tag != 0xA0) ber.malformed("no [0] content");
  auto envelope = ber.next(*explicitContent, explicitContent->content);
  if (!envelope || envelope->tag != 0x30) ber.malformed("no AuthEnvelopedData");
  // version, [0] originatorInfo?, recipientInfos SET, authEncryptedContentInfo SEQUENCE,
  // [1] authAttrs?, mac OCTET STRING, [2] unauthAttrs? (RFC 5083 §2.1)
  std::uint64_t pos = envelope->content;
  int sequencesSeen = 0;
  while (auto field = ber.next(*envelope, pos)) {
    if (field->tag == 0x30) ++sequencesSeen;
    if (field->tag == 0x04) {
      if (sequencesSeen != 1) ber.malformed("mac before authEncryptedContentInfo");
      return static_cast<std::size_t>(*field->length);
    }
    pos = ber.end(*field);
  }
  ber.malformed("no mac");
}

void requireSingleBerElement(const std::string& path) {
  InputFile in(path);
  requireSingleBerElement(in);
}

void requireSingleBerElement(InputFile& in) {
  BerFile ber(in, "CMS");
  if (ber.end(ber.header(0)) != ber.size())
    ber.malformed("bytes after the end of the CMS structure");
}

}  // namespace brobyg::package
