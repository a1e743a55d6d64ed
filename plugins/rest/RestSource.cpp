#include "RestSource.h"

#include "Url.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace brobyg::rest {
namespace {

std::string origin(std::size_t page, std::size_t record) {
  return "page " + std::to_string(page) + " record " + std::to_string(record);
}

std::string rawJson(const Poco::Dynamic::Var& record) {
  std::ostringstream out;
  try {
    Poco::JSON::Stringifier::stringify(record, out);
  } catch (const Poco::Exception&) {
    return {};
  }
  return out.str();
}

}  // namespace

RestSource::RestSource(const sdk::Context& context, Fetcher::Sleep sleep)
    : sdk::Source(context),
      config_(RestConfig::fromSettings(context.settings())),
      mapping_(context.settings(), context.dataset()),
      fetcher_(config_, this->context(), std::move(sleep)) {}

void RestSource::check() {
  fetcher_.check();
}

Poco::URI RestSource::pageUrl(const SinceCursor& start, std::size_t offset) const {
  Poco::URI url = config_.url;
  if (config_.incremental && start.since())
    url.addQueryParameter(config_.incremental->sinceParam, *start.since());
  if (config_.paging == Paging::Offset) {
    url.addQueryParameter(config_.offsetParam, std::to_string(offset));
    url.addQueryParameter(config_.limitParam, std::to_string(config_.pageSize));
  }
  return url;
}

Page RestSource::fetchPage(const Poco::URI& url, std::size_t number) {
  const std::string body = fetcher_.get(url);
  try {
    return readPage(body, config_.records, config_.nextPath);
  } catch (const PageError& e) {
    throw sdk::Error(std::string(e.what()) + " in the response from " + redacted(url) + " (page " +
                     std::to_string(number) + "); nothing was kept, the next run reads again");
  }
}

bool RestSource::deliver(const Page& page, const SinceCursor& start, SinceCursor& next,
                         const sdk::RowSink& sink, Counts& counts) {
  for (std::size_t i = 0; i < page.records->size(); ++i) {
    const Poco::Dynamic::Var record = page.records->get(static_cast<unsigned int>(i));
    const std::string where = origin(counts.pages, i + 1);
    std::optional<std::string> value;
    std::optional<std::string> tie;
    if (config_.incremental) {
      value = scalarText(config_.incremental->cursorField.find(record));
      tie = scalarText(config_.incremental->tieBreaker.find(record));
      if (!value || value->empty() || !tie || tie->empty()) {
        sink.reject(where, "cursor_field or tie_breaker missing or not a value", rawJson(record));
        ++counts.rejected;
        continue;
      }
      if (start.seen(*value, *tie)) {
        ++counts.seen;
        continue;
      }
    }
    if (mapping_.map(record, values_, reason_)) {
      if (!sink.row(values_.data(), values_.size(), where.c_str())) return false;
      ++counts.delivered;
    } else {
      sink.reject(where, reason_, rawJson(record));
      ++counts.rejected;
    }
    // A quarantined record is handled too: the cursor moves past it.
    if (value) next.deliver(*value, *tie);
  }
  return true;
}

std::optional<Poco::URI> RestSource::following(const Page& page, const Poco::URI& url,
                                               std::size_t& offset) const {
  switch (config_.paging) {
    case Paging::None:
      return std::nullopt;
    case Paging::Offset:
      if (page.records->size() < config_.pageSize) return std::nullopt;
      offset += page.records->size();
      return std::nullopt;  // the caller builds the URL from the offset
    case Paging::NextLink:
      break;
  }
  if (!page.next) return std::nullopt;
  Poco::URI next = url;
  try {
    next.resolve(*page.next);
  } catch (const Poco::Exception&) {
    throw sdk::Error("the next link in the response from " + redacted(url) +
                     " is not a URL (setting next_path)");
  }
  // The token goes with every request: only to the server the configuration names.
  if (!sameOrigin(next, config_.url))
    throw sdk::Error("the next link in the response from " + redacted(url) +
                     " leads to another server or scheme; refused");
  if (next.toString() == url.toString())
    throw sdk::Error("the next link in the response from " + redacted(url) +
                     " names the same page again");
  return next;
}

void RestSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  const SinceCursor start =
      cursor && !cursor->empty() ? SinceCursor::parse(*cursor) : SinceCursor();
  SinceCursor next = start;
  Counts counts;
  std::size_t offset = 0;
  Poco::URI url = pageUrl(start, offset);
  for (;;) {
    if (++counts.pages > config_.maxPages)
      throw sdk::Error("more than max_pages (" + std::to_string(config_.maxPages) +
                       ") pages; nothing was kept");
    const Page page = fetchPage(url, counts.pages);
    if (!deliver(page, start, next, sink, counts)) return;
    const std::size_t before = offset;
    std::optional<Poco::URI> link = following(page, url, offset);
    if (link) {
      url = *link;
    } else if (offset != before) {
      url = pageUrl(start, offset);
    } else {
      break;
    }
  }
  if (config_.incremental) sink.cursor(next.serialise());
  context().info("rest: read " + std::to_string(counts.pages) +
                 " page(s): " + std::to_string(counts.delivered) + " record(s) delivered, " +
                 std::to_string(counts.rejected) + " quarantined, " + std::to_string(counts.seen) +
                 " already read by an earlier run");
}

}  // namespace brobyg::rest
