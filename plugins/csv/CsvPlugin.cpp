// Entry point of the csv source plugin.
#include "CsvSettingsTable.h"
#include "CsvSource.h"

#include <brobyg_plugin.hpp>

BROBYG_SOURCE_PLUGIN(brobyg::csv::CsvSource, "csv", "1.0.0",
                     "Delimited-file exports of school systems (absence), any column layout "
                     "by configuration",
                     brobyg::csv::kSettings)
