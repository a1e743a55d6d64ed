#include "pipeline/stages/DeflatedDrop.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dataset/RecordFilter.h"
#include "package/DeflatedFile.h"
#include "package/Inflater.h"
#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::pipeline {

namespace {
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
}  // namespace

package::ZipEntryDigest dropDeflatedRecords(std::string_view format,
                                            const dataset::DatasetSpec& spec,
                                            const std::string& path,
                                            const std::vector<bool>& dropped, int level,
                                            int threads) {
  std::unique_ptr<std::FILE, FileCloser> in(openFileUtf8(path, "rb"));
  if (!in) throw Error(path + ": cannot read to drop rows: " + std::strerror(errno));
  std::unique_ptr<package::Inflater> inflater = package::makeInflater(path);
  package::DeflatedFile out(path, level, threads);
  dataset::RecordDropper dropper(format, spec, dropped);
  std::string kept;
  auto keep = [&](const char* data, std::size_t size) {
    kept.clear();
    dropper.filter(data, size, kept);
    out.write(kept.data(), kept.size());
  };
  std::vector<char> buffer(64 * 1024);
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get()))
    if (inflater->write(buffer.data(), n, keep) != n)
      throw Error(path + ": bytes after the end of its deflate stream");
  if (std::ferror(in.get()))
    throw Error(path + ": cannot read to drop rows: " + std::strerror(errno));
  if (!inflater->finished()) throw Error(path + ": its deflate stream is cut short");
  dropper.finish(path);
  in.reset();  // Windows cannot rename over a file that is still open
  out.commit();
  return out.digest();
}

}  // namespace brobyg::pipeline
