// The xml plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe xml`). A header so that tests fill in the same defaults.
#pragma once

#include <common/FieldRules.h>
#include <common/FileSettings.h>

#include <brobyg_plugin.h>

namespace brobyg::xml {

inline constexpr brobyg_setting_def kSettings[] = {
    files::directorySetting("Folder the case system exports its XML files to."),
    files::patternSetting("*.xml"),
    files::kRecursiveSetting,
    files::kMinFileAgeSetting,
    files::kFollowSymlinksSetting,
    {"record", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "XPath 1.0 of one record in a document, e.g. /v:eksport/v:sager/v:sag/v:foranstaltning. "
     "Names with a prefix are matched by namespace URI (setting namespace), whatever prefix "
     "the document uses."},
    {"path", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> XPath relative to the record: an element, an attribute (@kode) or an "
     "expression (concat(a, b)). The text of what it selects is the value; nothing selected is "
     "an empty value; more than one node rejects the record. Example: path.person = "
     "../../v:barn/v:cpr"},
    {"namespace", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Prefix used in record and path -> namespace URI. An unprefixed name in an XPath matches "
     "only elements in no namespace. Example: namespace.v = urn:example:sagssystem:eksport:2"},
    {"max_file_bytes", BROBYG_SETTING_INT, 0, "268435456", "1024..4294967296",
     "A file larger than this is refused with an error naming it: a document is parsed whole "
     "in memory (about 3 to 4 times its size), so this bounds the memory one file takes."},
    files::kDateFormatSetting,
    files::kLeadingNumberSetting,
    files::kConstantSetting,
    files::kValueSetting,
};

}  // namespace brobyg::xml
