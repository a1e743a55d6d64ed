// The rest source: reads JSON pages from an HTTPS API, page by page, and hands each record
// to the host as a row; with since_param, only records after the stored cursor.
#pragma once

#include "Fetcher.h"
#include "Page.h"
#include "RecordMapping.h"
#include "RestConfig.h"
#include "SinceCursor.h"

#include <brobyg_plugin.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace brobyg::rest {

class RestSource : public sdk::Source {
 public:
  explicit RestSource(const sdk::Context& context, Fetcher::Sleep sleep = {});

  // The TLS handshake with the server (certificate and host name), and a token with OAuth2.
  void check() override;
  // Reads every page; the sink gets the new cursor once, after the last page, so that a
  // failure on any page keeps nothing and the next run reads the same records again.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  struct Counts {
    std::size_t pages = 0;
    std::size_t delivered = 0;
    std::size_t rejected = 0;
    std::size_t seen = 0;  // read by an earlier run (at or before the cursor)
  };

  Poco::URI pageUrl(const SinceCursor& start, std::size_t offset) const;
  Page fetchPage(const Poco::URI& url, std::size_t number);
  // False when the host asked to stop.
  bool deliver(const Page& page, const SinceCursor& start, SinceCursor& next,
               const sdk::RowSink& sink, Counts& counts);
  // The next page's URL, or nothing after the last page.
  std::optional<Poco::URI> following(const Page& page, const Poco::URI& url,
                                     std::size_t& offset) const;

  RestConfig config_;
  RecordMapping mapping_;
  Fetcher fetcher_;
  std::vector<brobyg_str> values_;
  std::string reason_;
};

}  // namespace brobyg::rest
