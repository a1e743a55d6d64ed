#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "schedule/ZoneDatabase.h"
#include "util/Error.h"

namespace brobyg::schedule {

bool isZoneName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  bool partStart = true;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '/') {
      if (partStart) return false;  // empty part or leading '/'
      partStart = true;
      continue;
    }
    if (partStart && !std::isalpha(u)) return false;  // no "..", no hidden files
    if (!std::isalnum(u) && c != '_' && c != '-' && c != '+') return false;
    partStart = false;
  }
  return !partStart;
}

std::shared_ptr<const TimeZone> loadTimeZone(const std::string& name) {
  if (!isZoneName(name))
    throw Error("time zone '" + name.substr(0, 64) +
                "' is not a zone name such as Europe/Copenhagen or UTC");
  const char* dir = std::getenv("TZDIR");
  const std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("time zone '" + name + "': " + path +
                " not found (an unknown zone, or the tzdata package is not installed)");
  constexpr std::size_t kMaxBytes = 1 << 20;
  std::string data;
  data.resize(kMaxBytes + 1);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.size() > kMaxBytes) throw Error("time zone '" + name + "': " + path + " is too large");
  return std::make_shared<const TimeZone>(TimeZone::fromTzif(data, name));
}

}  // namespace brobyg::schedule
