// Destination plugin `https`: PUTs packages to the evaluator's receiver (the receiver role of
// brobygd) with the municipality's client certificate, and hands the receiver's signed
// receipt to the host, which verifies it (a destination's receipt-certificate) before it
// marks the package delivered.
#include <brobyg_plugin.hpp>

#include "HttpsConfig.h"
#include "HttpsSettingsTable.h"
#include "HttpsUpload.h"

namespace {

class HttpsDestination : public brobyg::sdk::Destination {
 public:
  explicit HttpsDestination(const brobyg::sdk::Context& context)
      : Destination(context),
        upload_(brobyg::https::HttpsConfig::fromSettings(context.settings())) {}

  void check() override { upload_.check(); }

  std::string deliver(const brobyg::sdk::PackageRef& package) override {
    return upload_.deliver(package.path, package.packageId, package.size);
  }

 private:
  brobyg::https::HttpsUpload upload_;
};

}  // namespace

BROBYG_DESTINATION_PLUGIN(HttpsDestination, "https", "1.0.0",
                          "PUTs packages to the evaluator's receiver over HTTPS (client "
                          "certificate, pinned CA); returns its signed receipt.",
                          brobyg::https::kSettings)
