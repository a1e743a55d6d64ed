#pragma once

#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "util/AtomicFile.h"
#include "util/FileLock.h"

namespace brobyg::receiver {

// One upload being received: the body streamed to inbox/.incoming/<random>.part with a
// running SHA-256, never held in memory. Removed when destroyed unless the inbox stored it.
class Upload {
 public:
  explicit Upload(const std::string& incomingDir);
  ~Upload();
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;

  void write(const char* data, std::size_t size) { file_.write(data, size); }
  std::uint64_t bytes() const { return file_.bytesWritten(); }
  const std::string& path() const { return path_; }

  // Ends the upload: fsync and close, then the digest of everything written.
  void finish();
  const std::string& sha256() const { return sha256_; }
  void keep() { kept_ = true; }

 private:
  std::string path_;
  OutputFile file_;
  std::string sha256_;
  bool kept_ = false;
};

enum class StoreOutcome {
  Stored,    // new package, stored; receipt made
  Repeated,  // same id and bytes as a stored one; its receipt
  Conflict,  // same id, other bytes
  Refused,   // the package check refused it
};

struct StoreResult {
  StoreOutcome outcome = StoreOutcome::Refused;
  std::string receiptPem;  // Stored, Repeated
  std::string reason;      // Conflict, Refused: why (names files and certificates, no values)
};

// Settings for signing receipts.
struct ReceiptSigner {
  std::string receiverId;
  std::string certificate;
  std::string key;
};

// The inbox folder: inbox/<id>.brobyg (the package as received, byte for byte) and
// inbox/<id>.receipt (the signed receipt, PEM). A package is stored only after it passed the
// check, and durably (fsync, rename, fsync of the folder) before its receipt is written; the
// receipt is durable before the answer. A repeat returns the stored receipt; after a crash
// between the package and its receipt, the repeat makes the receipt. One Inbox per folder
// (it holds a lock on inbox/.lock); thread-safe, uploads of one id are stored one at a time.
class Inbox {
 public:
  // Throws brobyg::Error to refuse the package at `path` for `packageId` (never personal data
  // in the message).
  using PackageCheck = std::function<void(const std::string& path, const std::string& packageId)>;

  // Creates the folder (0700) and its .incoming and .work subfolders, and removes partial
  // uploads a crash left in .incoming. Throws brobyg::Error when another process holds it.
  Inbox(const std::string& dir, ReceiptSigner signer, PackageCheck check);

  std::unique_ptr<Upload> begin() const;
  // Finishes `upload` and stores it under `packageId` (a valid package id).
  StoreResult store(const std::string& packageId, Upload& upload);

  const std::string& dir() const { return dir_; }
  std::string workDir() const { return dir_ + "/.work"; }
  std::string packagePath(const std::string& packageId) const;
  std::string receiptPath(const std::string& packageId) const;

 private:
  StoreResult storeLocked(const std::string& packageId, Upload& upload);
  StoreResult repeat(const std::string& packageId, Upload& upload);
  std::string writeReceipt(const std::string& packageId, const std::string& sha256,
                           std::uint64_t bytes, std::time_t receivedAt);

  std::string dir_;
  ReceiptSigner signer_;
  PackageCheck check_;
  std::unique_ptr<FileLock> lock_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::set<std::string> busy_;  // package ids being stored
};

}  // namespace brobyg::receiver
