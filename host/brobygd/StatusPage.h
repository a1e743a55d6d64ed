#pragma once

#include <string>
#include <string_view>

namespace brobyg::daemon {

// The status page (issue 16): one HTML page, its script and its style sheet, embedded in the
// binary (page/, EmbedPage.cmake). The page holds no data: its script fetches /status.json.
struct PageAsset {
  std::string_view contentType;
  std::string_view body;
};
// The asset served at `path` ("/", "/status", "/status.js", "/status.css"); null for others.
const PageAsset* findPageAsset(const std::string& path);

// What every page response carries: a Content-Security-Policy that allows this origin's
// script and style sheet only (no inline script, no framing, forms post only here).
inline constexpr const char* kPageSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

extern const char kStatusHtml[];
extern const char kStatusJs[];
extern const char kStatusCss[];

}  // namespace brobyg::daemon
