// Destination plugin `sftp`: puts packages into a folder on the evaluator's SFTP server
// (libssh2), the server's host key pinned by its SHA-256 fingerprint.
#include <brobyg_plugin.hpp>

#include "SftpConfig.h"
#include "SftpDrop.h"
#include "SftpSettingsTable.h"

namespace {

class SftpDestination : public brobyg::sdk::Destination {
 public:
  explicit SftpDestination(const brobyg::sdk::Context& context)
      : Destination(context), drop_(brobyg::sftp::SftpConfig::fromSettings(context.settings())) {}

  void check() override { drop_.check(); }

  std::string deliver(const brobyg::sdk::PackageRef& package) override {
    return drop_.deliver(package.path, package.fileName, package.size, package.sha256Hex);
  }

 private:
  brobyg::sftp::SftpDrop drop_;
};

}  // namespace

BROBYG_DESTINATION_PLUGIN(SftpDestination, "sftp", "1.0.0",
                          "Uploads packages over SFTP (pinned host key): temp name, fsync, rename.",
                          brobyg::sftp::kSettings)
