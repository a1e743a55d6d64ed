#include "StatusPage.h"

namespace brobyg::daemon {

const PageAsset* findPageAsset(const std::string& path) {
  static const PageAsset html{"text/html; charset=utf-8", kStatusHtml};
  static const PageAsset js{"text/javascript; charset=utf-8", kStatusJs};
  static const PageAsset css{"text/css; charset=utf-8", kStatusCss};
  if (path == "/" || path == "/status") return &html;
  if (path == "/status.js") return &js;
  if (path == "/status.css") return &css;
  return nullptr;
}

}  // namespace brobyg::daemon
