#include "SqlConfig.h"

#include <common/FileSettings.h>

#include <algorithm>
#include <brobyg_path.hpp>
#include <cctype>

#include <filesystem>
#include <stdexcept>

namespace brobyg::sql {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// True when `keyword` followed by optional spaces and '=' starts a word of `text` (lower case).
bool hasKeyword(const std::string& text, const std::string& keyword) {
  for (std::size_t at = text.find(keyword); at != std::string::npos;
       at = text.find(keyword, at + 1)) {
    const bool wordStart = at == 0 || std::isalnum(static_cast<unsigned char>(text[at - 1])) == 0;
    std::size_t after = at + keyword.size();
    while (after < text.size() && text[after] == ' ') ++after;
    if (wordStart && after < text.size() && text[after] == '=') return true;
  }
  return false;
}

// ODBC's syntax: braces, a closing brace doubled.
std::string odbcBraced(const std::string& value) {
  std::string out = "{";
  for (char c : value) {
    out += c;
    if (c == '}') out += '}';
  }
  return out + "}";
}

// A positive duration (30s, 5m, 1h, 1d) through the file plugins' parser.
std::chrono::seconds durationSetting(const sdk::Settings& settings, const std::string& key,
                                     const std::string& fallback) {
  try {
    const std::chrono::seconds value = files::parseDuration(settings.string(key, fallback));
    if (value.count() > 0) return value;
  } catch (const std::invalid_argument&) {
  }
  throw sdk::Error("setting " + key + ": expected a duration such as 30s, 5m or 1h");
}

std::string required(const sdk::Settings& settings, const std::string& key) {
  std::string value = settings.string(key);
  if (value.find_first_not_of(" \t\r\n") == std::string::npos)
    throw sdk::Error("setting " + key + ": required");
  return value;
}

Connector connectorOf(const std::string& name) {
  if (name == "sqlite") return Connector::Sqlite;
  if (name == "postgresql") return Connector::PostgreSql;
  if (name == "odbc") return Connector::Odbc;
  throw sdk::Error("setting connector: must be sqlite, postgresql or odbc");
}

// True when an ODBC connection string's DRIVER= names an SQLite driver (libsqliteodbc).
bool namesSqliteDriver(const std::string& connection) {
  const std::string text = lower(connection);
  for (std::size_t at = text.find("driver"); at != std::string::npos;
       at = text.find("driver", at + 1)) {
    const std::size_t eq = text.find('=', at);
    if (eq == std::string::npos) return false;
    const std::string value = text.substr(eq + 1, text.find(';', eq) - eq - 1);
    if (value.find("sqlite") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool holdsPassword(Connector connector, const std::string& connection) {
  const std::string text = lower(connection);
  if (connector == Connector::Odbc) return hasKeyword(text, "pwd") || hasKeyword(text, "password");
  if (connector == Connector::PostgreSql) {
    if (hasKeyword(text, "password")) return true;
    // postgresql://user:secret@host/db
    const std::size_t scheme = text.find("://");
    if (scheme == std::string::npos) return false;
    const std::size_t at = text.find('@', scheme);
    const std::size_t colon = text.find(':', scheme + 3);
    return at != std::string::npos && colon != std::string::npos && colon < at;
  }
  return false;
}

SqlConfig SqlConfig::fromSettings(const sdk::Settings& settings) {
  SqlConfig config;
  config.connector = connectorOf(settings.string("connector"));
  config.connection = required(settings, "connection");
  config.password = settings.string("password");
  if (holdsPassword(config.connector, config.connection))
    throw sdk::Error(
        "setting connection: holds a password; remove it and give the password as the secret "
        "setting password (from a file or an environment variable)");
  if (config.connector == Connector::Odbc && namesSqliteDriver(config.connection))
    throw sdk::Error(
        "setting connection: the SQLite ODBC driver overwrites memory when a statement fails "
        "(through Poco's ODBC error path) and could crash brobyg; read SQLite databases with "
        "connector sqlite");
  if (config.connector == Connector::Sqlite) {
    if (!config.password.empty())
      throw sdk::Error("setting password: an SQLite database has no password; remove it");
    if (!sdk::pathFromUtf8(config.connection).is_absolute())
      throw sdk::Error("setting connection: the SQLite database file must be an absolute path");
  }

  config.watermarkColumn = required(settings, "watermark_column");
  config.keyColumn = required(settings, "key_column");
  if (lower(config.watermarkColumn) == lower(config.keyColumn))
    throw sdk::Error("settings watermark_column and key_column: must name two columns");
  config.initialWatermark = settings.string("initial_watermark", "1900-01-01 00:00:00");
  config.initialKey = settings.string("initial_key", "-1");

  const std::string query = required(settings, "query");
  try {
    config.query = prepareQuery(
        query,
        config.connector == Connector::PostgreSql ? Placeholders::Dollar : Placeholders::Question,
        {"watermark", "key"});
  } catch (const std::invalid_argument& e) {
    throw sdk::Error(std::string("setting query: ") + e.what());
  }
  const auto& params = config.query.params;
  for (const char* name : {"watermark", "key"})
    if (std::find(params.begin(), params.end(), name) == params.end())
      throw sdk::Error(std::string("setting query: must use the parameter :") + name +
                       ", or rows would be read again on every run");
  if (!config.query.hasOrderBy)
    throw sdk::Error(
        "setting query: needs ORDER BY watermark, key; the cursor is the last row's pair, so "
        "rows must come in that order");

  const std::int64_t batch = settings.integer("batch_size", 1000);
  if (batch < 1 || batch > kMaxBatchSize)
    throw sdk::Error("setting batch_size: must be from 1 to " + std::to_string(kMaxBatchSize));
  config.batchSize = static_cast<std::size_t>(batch);
  config.queryTimeout = durationSetting(settings, "query_timeout", "5m");
  return config;
}

std::string SqlConfig::connectionWithPassword() const {
  if (password.empty()) return connection;
  switch (connector) {
    case Connector::Odbc: {
      std::string text = connection;
      if (!text.empty() && text.back() != ';') text += ';';
      return text + "PWD=" + odbcBraced(password) + ";";
    }
    case Connector::PostgreSql:  // a parameter of its own (PgParameters.h)
    case Connector::Sqlite:
      break;
  }
  return connection;
}

const char* SqlConfig::connectorName() const {
  switch (connector) {
    case Connector::Odbc:
      return "odbc";
    case Connector::PostgreSql:  // read through libpq, not Poco::Data
    case Connector::Sqlite:
      break;
  }
  return "sqlite";
}

std::string SqlConfig::scrub(std::string text) const {
  if (password.empty()) return text;
  static const std::string kSecret = "(secret)";
  for (std::size_t at = text.find(password); at != std::string::npos;
       at = text.find(password, at + kSecret.size()))
    text.replace(at, password.size(), kSecret);
  return text;
}

}  // namespace brobyg::sql
