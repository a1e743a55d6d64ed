#pragma once

// ZIP record layouts shared by ZipWriter and ZipReader (PKWARE APPNOTE 6.3.x).

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace brobyg::package::zip {

inline constexpr std::uint32_t kLocalHeaderSig = 0x04034b50;
inline constexpr std::uint32_t kDataDescriptorSig = 0x08074b50;
inline constexpr std::uint32_t kCentralHeaderSig = 0x02014b50;
inline constexpr std::uint32_t kEndOfCentralDirSig = 0x06054b50;
inline constexpr std::uint32_t kZip64EndOfCentralDirSig = 0x06064b50;
inline constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
inline constexpr std::uint16_t kZip64ExtraId = 0x0001;

inline constexpr std::uint16_t kMethodStore = 0;
inline constexpr std::uint16_t kMethodDeflate = 8;
inline constexpr std::uint16_t kFlagDataDescriptor = 1u << 3;
inline constexpr std::uint16_t kFlagUtf8 = 1u << 11;
inline constexpr std::uint16_t kVersionDeflate = 20;
inline constexpr std::uint16_t kVersionZip64 = 45;

inline constexpr std::uint32_t kMax32 = 0xFFFFFFFFu;
inline constexpr std::uint16_t kMax16 = 0xFFFFu;

inline constexpr std::size_t kLocalHeaderSize = 30;
inline constexpr std::size_t kCentralHeaderSize = 46;
inline constexpr std::size_t kEndOfCentralDirSize = 22;
inline constexpr std::size_t kZip64EndOfCentralDirSize = 56;
inline constexpr std::size_t kZip64LocatorSize = 20;

// Little-endian encoding into a growing byte string.
void put16(std::string& out, std::uint16_t value);
void put32(std::string& out, std::uint32_t value);
void put64(std::string& out, std::uint64_t value);

// Little-endian decoding; the caller checks that the bytes are there.
std::uint16_t get16(const unsigned char* p);
std::uint32_t get32(const unsigned char* p);
std::uint64_t get64(const unsigned char* p);

// MS-DOS date and time of `utc` (clamped to 1980..2107, as the format cannot say more).
struct DosTime {
  std::uint16_t time;
  std::uint16_t date;
};
DosTime toDosTime(std::time_t utc);

// A name that extracts inside the target folder: relative, '/'-separated, no empty, "." or
// ".." segments, no backslash, colon or control character.
bool isSafeEntryName(std::string_view name);

}  // namespace brobyg::package::zip
