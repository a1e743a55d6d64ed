// Bootstrap; SdkDatasetsTest rewrites this with BROBYG_UPDATE_GOLDEN=1.
#pragma once

#include <brobyg_plugin.h>

#include <iterator>
#include <string_view>

namespace brobyg::testing::datasets {
inline constexpr const brobyg_dataset_def* kAll[] = {nullptr};
inline const brobyg_dataset_def* find(std::string_view) { return nullptr; }
}  // namespace brobyg::testing::datasets
