// Destination plugin `folder`: drops packages into a folder (a share, an SFTP-synced folder,
// a folder another transfer tool picks up from).
#include <brobyg_plugin.hpp>

#include "FolderDrop.h"

namespace {

const brobyg_setting_def kSettings[] = {
    {"directory", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "Drop folder the packages are put into."},
    {"create_directory", BROBYG_SETTING_BOOL, 0, "false", nullptr,
     "Create the drop folder (and missing parents) at the first delivery if it does not exist; "
     "check only tests that it can be made. Otherwise a missing folder is an error."},
};

class FolderDestination : public brobyg::sdk::Destination {
 public:
  explicit FolderDestination(const brobyg::sdk::Context& context)
      : Destination(context),
        drop_(context.settings().string("directory"),
              context.settings().boolean("create_directory")) {}

  void check() override { drop_.check(); }

  std::string deliver(const brobyg::sdk::PackageRef& package) override {
    return drop_.deliver(package.path, package.fileName, package.size, package.sha256Hex);
  }

 private:
  brobyg::folder::FolderDrop drop_;
};

}  // namespace

BROBYG_DESTINATION_PLUGIN(FolderDestination, "folder", "1.0.0",
                          "Puts packages into a drop folder: temp file, fsync, atomic link.",
                          kSettings)
