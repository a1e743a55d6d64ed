// The rest plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe rest`). A header so that tests fill in the same defaults.
#pragma once

#include "common/FieldRules.h"

#include <brobyg_plugin.h>

namespace brobyg::rest {

inline constexpr brobyg_setting_def kSettings[] = {
    {"url", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "The first page: an https:// URL. Its query may carry fixed parameters; logs and errors "
     "show the URL without its query."},
    {"ca_file", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "PEM file (or folder of hashed certificates) of the CA that issued the server's "
     "certificate. The server is verified against it and its host name is checked; the "
     "system's CAs are not used."},
    {"token", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, nullptr, nullptr,
     "Bearer token sent with every request (from a file or an environment variable). Leave "
     "out with OAuth2 (token_url)."},
    {"token_url", BROBYG_SETTING_STRING, 0, "", nullptr,
     "OAuth2 token endpoint (https://, same CA) for the client-credentials grant; the token is "
     "fetched again when it expires and once after a 401."},
    {"client_id", BROBYG_SETTING_STRING, 0, "", nullptr, "OAuth2 client id (with token_url)."},
    {"client_secret", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, nullptr, nullptr,
     "OAuth2 client secret (with token_url), from a file or an environment variable."},
    {"scope", BROBYG_SETTING_STRING, 0, "", nullptr,
     "OAuth2 scope to ask for; empty: none is sent."},
    {"records", BROBYG_SETTING_STRING, 0, "", nullptr,
     "JSON path of the array of records in a page: names separated by '.', a number indexes "
     "an array (data.items). Empty: the page itself is the array."},
    {"paging", BROBYG_SETTING_CHOICE, 0, "none", "none|next_link|offset",
     "none: one page. next_link: the page names the next page's URL at next_path (same scheme, "
     "host and port only). offset: offset_param and limit_param are added to url until a page "
     "holds fewer than page_size records."},
    {"next_path", BROBYG_SETTING_STRING, 0, "", nullptr,
     "JSON path of the next page's URL (paging next_link), absolute or relative to the page; "
     "missing, null or empty on the last page."},
    {"offset_param", BROBYG_SETTING_STRING, 0, "offset", nullptr,
     "Query parameter of the first record's offset (paging offset), from 0."},
    {"limit_param", BROBYG_SETTING_STRING, 0, "limit", nullptr,
     "Query parameter of the page size (paging offset)."},
    {"page_size", BROBYG_SETTING_INT, 0, "100", "1..10000",
     "Records asked for per page (paging offset)."},
    {"max_pages", BROBYG_SETTING_INT, 0, "10000", "1..1000000",
     "A pull reading more pages than this fails: a server whose next link never ends."},
    {"since_param", BROBYG_SETTING_STRING, 0, "", nullptr,
     "Query parameter that asks for records whose cursor_field is at or after a value "
     "(inclusive). Empty: every run reads everything. Needs cursor_field and tie_breaker."},
    {"cursor_field", BROBYG_SETTING_STRING, 0, "", nullptr,
     "JSON path (in a record) of the value the server filters since_param on, e.g. a "
     "modification time. Compared as whole numbers when both are, else byte by byte "
     "(ISO 8601 times in one zone and form)."},
    {"tie_breaker", BROBYG_SETTING_STRING, 0, "", nullptr,
     "JSON path (in a record) of a value unique per record, e.g. its id: records sharing the "
     "last cursor value are told apart by it, so none is lost or read twice."},
    {"field", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> JSON path in a record. Every required field needs a path or a "
     "constant. Example: field.person = child.cpr"},
    brobyg::files::kConstantSetting,
    {"value", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "<field>.<source value> -> dataset value, matched after trimming and case-insensitively "
     "(ASCII and ÆØÅ); <field>.* maps any other non-empty value. A code field's value "
     "that is neither mapped nor a valid code rejects the record. Example: "
     "value.placement_type.Plejefamilie = 21"},
    {"date_format", BROBYG_SETTING_STRING, 0, "yyyy-mm-dd", nullptr,
     "How dates are written: dd, mm (two digits), d, m (one or two), yyyy, yy (= 20yy), and "
     "separators, e.g. dd-mm-yyyy. Converted to yyyy-mm-dd. A time after the date "
     "(2024-03-04T10:00:00Z) is dropped at its 'T' unless the format has one."},
    brobyg::files::kLeadingNumberSetting,
    {"max_response_bytes", BROBYG_SETTING_INT, 0, "16777216", "1024..1073741824",
     "A response body larger than this fails the pull (one page is held in memory at a time)."},
    {"timeout", BROBYG_SETTING_DURATION, 0, "30s", "1s..10m",
     "Connect, send and receive timeout of every request."},
    {"max_attempts", BROBYG_SETTING_INT, 0, "5", "1..20",
     "Tries of one request on 429, 5xx or a network error; after the last the run ends as "
     "retry-later (nothing kept)."},
    {"retry_delay", BROBYG_SETTING_DURATION, 0, "2s", "0s..10m",
     "Wait before the second try, doubled for each further one, unless the server sends "
     "Retry-After (seconds or an HTTP date)."},
    {"max_retry_after", BROBYG_SETTING_DURATION, 0, "5m", "0s..1d",
     "A Retry-After longer than this is not waited for: the run ends as retry-later at once."},
};

}  // namespace brobyg::rest
