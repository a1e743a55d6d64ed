// Entry point of the rest source plugin.
#include "RestSettingsTable.h"
#include "RestSource.h"

#include <brobyg_plugin.hpp>

BROBYG_SOURCE_PLUGIN(brobyg::rest::RestSource, "rest", "1.0.0",
                     "JSON pages of an HTTPS API (social-service case systems): bearer token or "
                     "OAuth2, paging, incremental since",
                     brobyg::rest::kSettings)
