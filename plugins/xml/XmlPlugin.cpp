// Entry point of the xml source plugin.
#include "XmlSettingsTable.h"
#include "XmlSource.h"

#include <brobyg_plugin.hpp>

BROBYG_SOURCE_PLUGIN(brobyg::xml::XmlSource, "xml", "1.0.0",
                     "XML exports of case systems (measures, events) and other sources: records "
                     "and fields by XPath, namespaces by URI",
                     brobyg::xml::kSettings)
