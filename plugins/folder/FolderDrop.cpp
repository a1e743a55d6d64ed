#include "FolderDrop.h"

#include <openssl/evp.h>

#include <brobyg_path.hpp>
#include <brobyg_plugin.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

#include "DropFile.h"

namespace brobyg::folder {
namespace fs = std::filesystem;
using sdk::Error;

namespace {

std::string errnoText() {
  return std::strerror(errno);
}

bool validFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos && name[0] != '.';
}

std::string hex(const unsigned char* data, unsigned size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 15]);
  }
  return out;
}

}  // namespace

std::string sha256OfFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(sdk::openFileUtf8(path, "rb"), &std::fclose);
  if (!in) throw Error(path + ": cannot open: " + errnoText());
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    throw Error("cannot initialise SHA-256");
  std::vector<char> buffer(1 << 16);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0)
    EVP_DigestUpdate(ctx.get(), buffer.data(), n);
  if (std::ferror(in.get())) throw Error(path + ": read error");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &size);
  return hex(digest, size);
}

FolderDrop::FolderDrop(std::string directory, bool createDirectory)
    : directory_(std::move(directory)), createDirectory_(createDirectory) {}

void FolderDrop::check() const {
  std::error_code ec;
  if (!fs::is_directory(sdk::pathFromUtf8(directory_), ec)) {
    if (!createDirectory_) throw Error(directory_ + ": drop folder does not exist");
    // Made at the first delivery, in its nearest existing parent.
    fs::path parent = fs::absolute(sdk::pathFromUtf8(directory_), ec).parent_path();
    while (parent.has_relative_path() && !fs::exists(parent, ec)) parent = parent.parent_path();
    if (!fs::is_directory(parent, ec))
      throw Error(directory_ + ": drop folder cannot be created: " + parent.string() +
                  " is not a folder");
    const std::string why = folderNotWritable(parent.string());
    if (!why.empty())
      throw Error(directory_ + ": drop folder cannot be created in " + parent.string() + ": " +
                  why);
    return;
  }
  const std::string why = folderNotWritable(directory_);
  if (!why.empty()) throw Error(directory_ + ": drop folder is not writable: " + why);
}

std::string FolderDrop::deliver(const std::string& sourcePath, const std::string& fileName,
                                std::uint64_t size, const std::string& sha256Hex) const {
  if (!validFileName(fileName)) throw Error("package file name is not a plain file name");
  std::error_code made;
  if (createDirectory_ && !fs::is_directory(sdk::pathFromUtf8(directory_), made)) {
    fs::create_directories(sdk::pathFromUtf8(directory_), made);
    if (made) throw Error(directory_ + ": cannot create drop folder: " + made.message());
  }
  check();
  // generic_string: the receipt names the file with '/' on Windows too.
  const std::string target =
      (sdk::pathFromUtf8(directory_) / sdk::pathFromUtf8(fileName)).generic_string();
  const std::string receipt =
      "folder:" + target + " size=" + std::to_string(size) + " sha256=" + sha256Hex;

  std::error_code ec;
  if (fs::exists(sdk::pathFromUtf8(target), ec)) {
    if (fs::file_size(sdk::pathFromUtf8(target), ec) == size && sha256OfFile(target) == sha256Hex)
      return receipt;
    throw Error(target + ": a different file of that name is already in the drop folder");
  }

  // A crashed earlier attempt may have left its part file; the host's outbox lock means no
  // other delivery of this name is running.
  const std::string partPrefix = "." + fileName + ".part-";
  for (const auto& entry : fs::directory_iterator(sdk::pathFromUtf8(directory_), ec))
    if (entry.path().filename().string().rfind(partPrefix, 0) == 0) fs::remove(entry.path(), ec);

  std::mt19937_64 rng{std::random_device{}()};
  const std::string temp =
      sdk::joinUtf8(directory_, "." + fileName + ".part-" + std::to_string(rng()));
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(sdk::openFileUtf8(sourcePath, "rb"),
                                                       &std::fclose);
    if (!in) throw Error(sourcePath + ": cannot open package: " + errnoText());
    PartFile out(temp);
    std::vector<char> buffer(1 << 18);
    std::size_t n;
    std::uint64_t copied = 0;
    // The copy is checked against the package's recorded hash before it is put in place.
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!hash || EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr) != 1)
      throw Error("cannot initialise SHA-256");
    auto removeTemp = [&] {
      out.close();
      std::error_code ignored;
      fs::remove(sdk::pathFromUtf8(temp), ignored);
    };
    while ((n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0) {
      try {
        out.write(buffer.data(), n);
      } catch (const Error&) {
        removeTemp();
        throw;
      }
      EVP_DigestUpdate(hash.get(), buffer.data(), n);
      copied += n;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned digestSize = 0;
    EVP_DigestFinal_ex(hash.get(), digest, &digestSize);
    if (std::ferror(in.get()) || copied != size || hex(digest, digestSize) != sha256Hex) {
      removeTemp();
      throw Error(sourcePath + ": package changed or could not be read while copying");
    }
    try {
      out.sync();
    } catch (const Error&) {
      removeTemp();
      throw;
    }
  }
  // Never replaces: two deliveries racing for one name cannot overwrite each other.
  bool published = false;
  try {
    published = publishNoReplace(temp, target);
  } catch (const Error&) {
    std::error_code ignored;
    fs::remove(sdk::pathFromUtf8(temp), ignored);
    throw;
  }
  if (!published) {
    std::error_code ignored;
    fs::remove(sdk::pathFromUtf8(temp), ignored);
    if (sha256OfFile(target) == sha256Hex) return receipt;
    throw Error(target + ": a different file of that name is already in the drop folder");
  }
  syncFolder(directory_);
  return receipt;
}

}  // namespace brobyg::folder
