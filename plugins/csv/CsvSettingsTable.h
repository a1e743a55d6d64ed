// The csv plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe csv`). A header so that tests fill in the same defaults.
#pragma once

#include <brobyg_plugin.h>

namespace brobyg::csv {

inline constexpr brobyg_setting_def kSettings[] = {
    {"directory", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "Folder the school system exports to."},
    {"pattern", BROBYG_SETTING_STRING, 0, "*.csv", nullptr,
     "File names to read: glob with * and ?, matched against the name only, ASCII letters "
     "case-insensitive."},
    {"recursive", BROBYG_SETTING_BOOL, 0, "false", nullptr,
     "Also read matching files in subfolders."},
    {"min_file_age", BROBYG_SETTING_DURATION, 0, "2m", nullptr,
     "Leave files modified more recently than this for the next run: a vendor may still be "
     "writing or copying them, and a half-written last row would be read. 2m outlasts a "
     "nightly export's copy to a share and delays it by no more than one run; 0s only when "
     "the vendor writes under another name and renames."},
    {"follow_symlinks", BROBYG_SETTING_CHOICE, 0, "no", "no|inside",
     "Symbolic links in the directory: no = skipped with a warning naming the link; inside = "
     "read when the target lies inside the directory (else skipped with a warning)."},
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
    {"date_format", BROBYG_SETTING_STRING, 0, "yyyy-mm-dd", nullptr,
     "How dates are written: dd, mm (two digits), d, m (one or two), yyyy, yy (= 20yy), and "
     "separators, e.g. dd-mm-yyyy or d.m.yy. Converted to yyyy-mm-dd."},
    {"leading_number", BROBYG_SETTING_STRING, 0, "", nullptr,
     "Whole-number fields, comma-separated (e.g. grade), whose values may go on after the "
     "number, as class names do (7.b, 0.a, 10x): only the leading digits are kept. A value "
     "map entry for the field still wins (value.grade.Bh.kl. = 0)."},
    {"column", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> source column: header name (case-insensitive), or number when header "
     "is false. Every required field needs a column or a constant. Example: column.person = "
     "CPR-nr"},
    {"constant", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> fixed value for every row, when the export lacks the column. Example: "
     "constant.municipality = 0101"},
    {"value", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "<field>.<source value> -> dataset value, matched after trimming and case-insensitively "
     "(ASCII and ÆØÅ); <field>.* maps any other non-empty value. A code field's value that is "
     "neither mapped nor a valid code rejects the row. Example: value.category.Syg = sick"},
};

}  // namespace brobyg::csv
