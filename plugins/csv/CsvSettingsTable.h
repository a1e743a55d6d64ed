// The csv plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe csv`). A header so that tests fill in the same defaults.
#pragma once

#include <common/FieldRules.h>
#include <common/FileSettings.h>

#include <brobyg_plugin.h>

namespace brobyg::csv {

inline constexpr brobyg_setting_def kSettings[] = {
    files::directorySetting("Folder the school system exports to."),
    files::patternSetting("*.csv"),
    files::kRecursiveSetting,
    files::kMinFileAgeSetting,
    files::kFollowSymlinksSetting,
    {"delimiter", BROBYG_SETTING_CHAR, 0, ";", nullptr, "Column separator; \\t for tab."},
    {"quote", BROBYG_SETTING_CHAR, 0, "\"", nullptr,
     "Quote character (RFC 4180: doubled inside a quoted field)."},
    {"encoding", BROBYG_SETTING_CHOICE, 0, "utf-8", "utf-8|windows-1252",
     "Character encoding of the files; Windows-1252 is converted to UTF-8. A UTF-8 byte "
     "order mark is skipped either way."},
    {"header", BROBYG_SETTING_BOOL, 0, "true", nullptr,
     "The first row (after skip_lines) names the columns. false: columns are numbered 1, 2, ..."},
    {"skip_lines", BROBYG_SETTING_INT, 0, "0", "0..1000000",
     "Lines of vendor preamble before the header (or the first row) to ignore."},
    {"trim", BROBYG_SETTING_BOOL, 0, "true", nullptr, "Strip spaces and tabs around every value."},
    {"max_line_bytes", BROBYG_SETTING_INT, 0, "1048576", "64..67108864",
     "A row longer than this many bytes is rejected without being loaded whole; a quoted field "
     "still open after this many bytes ends its row at its first line end."},
    files::kDateFormatSetting,
    files::kLeadingNumberSetting,
    {"column", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> source column: header name (case-insensitive), or number when header "
     "is false. Every required field needs a column or a constant. Example: column.person = "
     "CPR-nr"},
    files::kConstantSetting,
    files::kValueSetting,
};

}  // namespace brobyg::csv
