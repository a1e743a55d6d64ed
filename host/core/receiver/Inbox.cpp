#include "receiver/Inbox.h"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "package/PackageId.h"
#include "package/TempFiles.h"
#include "receipt/Receipt.h"
#include "util/CrashPoint.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Sha256.h"
#include "util/Utf8Path.h"

namespace brobyg::receiver {
namespace fs = std::filesystem;

Upload::Upload(const std::string& incomingDir)
    : path_(package::uniqueName(incomingDir, "upload", ".part")), file_(path_, true) {
  file_.hashContent();
}

Upload::~Upload() {
  if (kept_) return;
  file_.discard();
  std::error_code ec;
  fs::remove(pathFromUtf8(path_), ec);
}

void Upload::finish() {
  if (!sha256_.empty()) return;
  sha256_ = file_.contentSha256();
  file_.close(true);
}

Inbox::Inbox(const std::string& dir, ReceiptSigner signer, PackageCheck check)
    : dir_(dir), signer_(std::move(signer)), check_(std::move(check)) {
  createPrivateDirectory(dir_);
  lock_ = std::make_unique<FileLock>(dir_ + "/.lock", "receiver inbox " + dir_);
  // Nothing in .incoming or .work was ever acknowledged: a crash left it.
  for (const char* sub : {"/.incoming", "/.work"}) {
    std::error_code ec;
    fs::remove_all(pathFromUtf8(dir_ + sub), ec);
    createPrivateDirectory(dir_ + sub);
  }
}

std::unique_ptr<Upload> Inbox::begin() const {
  return std::make_unique<Upload>(dir_ + "/.incoming");
}

std::string Inbox::packagePath(const std::string& packageId) const {
  return dir_ + "/" + packageId + ".brobyg";
}

std::string Inbox::receiptPath(const std::string& packageId) const {
  return dir_ + "/" + packageId + ".receipt";
}

StoreResult Inbox::store(const std::string& packageId, Upload& upload) {
  if (!package::isValidPackageId(packageId)) throw Error("receiver: not a package id");
  upload.finish();
  // Two uploads of one id: the second waits and then finds the first's package.
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [&] { return busy_.count(packageId) == 0; });
  busy_.insert(packageId);
  lock.unlock();
  struct Release {
    Inbox& inbox;
    const std::string& id;
    ~Release() {
      std::lock_guard<std::mutex> guard(inbox.mutex_);
      inbox.busy_.erase(id);
      inbox.idle_.notify_all();
    }
  } release{*this, packageId};
  return storeLocked(packageId, upload);
}

StoreResult Inbox::storeLocked(const std::string& packageId, Upload& upload) {
  if (fs::exists(pathFromUtf8(packagePath(packageId)))) return repeat(packageId, upload);
  try {
    check_(upload.path(), packageId);
  } catch (const Error& e) {
    return {StoreOutcome::Refused, {}, e.what()};
  }
  crashPoint("receiver-before-package");
  upload.keep();
  try {
    durableRename(upload.path(), packagePath(packageId));
  } catch (...) {
    std::error_code ec;
    fs::remove(pathFromUtf8(upload.path()), ec);
    throw;
  }
  crashPoint("receiver-before-receipt");
  std::string pem = writeReceipt(packageId, upload.sha256(), upload.bytes(), std::time(nullptr));
  crashPoint("receiver-before-answer");
  return {StoreOutcome::Stored, std::move(pem), {}};
}

StoreResult Inbox::repeat(const std::string& packageId, Upload& upload) {
  std::uint64_t storedBytes = 0;
  const std::string stored = Sha256::hexOfFile(packagePath(packageId), &storedBytes);
  if (stored != upload.sha256() || storedBytes != upload.bytes())
    return {
        StoreOutcome::Conflict,
        {},
        "package " + packageId + " was received before with other bytes (SHA-256 " + stored + ")"};
  // A crash after the package was stored but before its receipt: make it now.
  // Its time is when the package was stored (its last write), not the repeat's.
  if (!fs::exists(pathFromUtf8(receiptPath(packageId)))) {
    const auto written =
        std::chrono::file_clock::to_sys(fs::last_write_time(pathFromUtf8(packagePath(packageId))));
    return {StoreOutcome::Repeated,
            writeReceipt(
                packageId, stored, storedBytes,
                std::chrono::system_clock::to_time_t(
                    std::chrono::time_point_cast<std::chrono::system_clock::duration>(written))),
            {}};
  }
  return {StoreOutcome::Repeated, readFile(receiptPath(packageId)), {}};
}

std::string Inbox::writeReceipt(const std::string& packageId, const std::string& sha256,
                                std::uint64_t bytes, std::time_t receivedAt) {
  receipt::Receipt r;
  r.packageId = packageId;
  r.sha256 = sha256;
  r.bytes = bytes;
  r.receivedAt = package::isoUtc(receivedAt);
  r.receiverId = signer_.receiverId;
  std::string pem = receipt::sign(r, signer_.certificate, signer_.key);
  writeFileAtomically(receiptPath(packageId), pem);  // fsync, rename, fsync of the folder
  return pem;
}

}  // namespace brobyg::receiver
