// Drives the rest plugin through its C descriptor (as the host does) against HttpsServer.
#pragma once

#include "HttpsServer.h"
#include "TestPki.h"

#include <testing/PluginHarness.hpp>
#include <testing/StandardDatasets.hpp>

#include <optional>
#include <string>
#include <vector>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::rest::test {

// A value no log line, error or cursor may ever contain.
inline const std::string kToken = "sekret-bearer-4f1c9e";

// A case_measure record as a case system's API might send it; `updated` is its
// modification time, `id` its key. Synthetic CPR-shaped values (day 01-28 of 2012).
std::string record(int id, const std::string& updated, const std::string& basis = "BL § 46");
// {"data":[records...]} plus "links":{"next":...} when `next` is given.
std::string page(const std::vector<std::string>& records, const std::string& next = "");

// The settings of a plugin pointed at `server`'s `target`, with a bearer token.
testing::SettingsMap settingsFor(const HttpsServer& server, const std::string& target);

struct PullOutcome {
  testing::CallResult result;
  std::vector<testing::CapturedRow> rows;
  std::vector<testing::CapturedReject> rejects;
  std::optional<std::string> cursor;
  std::vector<std::string> log;
};

// One create + pull + destroy, as one run of a job.
PullOutcome pullOnce(const testing::SettingsMap& settings,
                     const std::optional<std::string>& cursor = std::nullopt);
testing::CallResult checkOnce(const testing::SettingsMap& settings);

// The person column of each row (the record's synthetic CPR).
std::vector<std::string> persons(const std::vector<testing::CapturedRow>& rows);
std::string cprOf(int id);

}  // namespace brobyg::rest::test
