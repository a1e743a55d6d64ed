#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "config/ReceiverConfig.h"
#include "config/SchoolCalendarConfig.h"
#include "plugin/SettingsValidator.h"
#include "risk/Generalisation.h"
#include "summary/Thresholds.h"
#include "util/Problem.h"

namespace brobyg::config {

// Every part of the configuration remembers its line, so that problems can name it.
struct Where {
  long line = 0;
};

struct ServiceConfig : Where {
  std::string stateDirectory;   // runs, cursors, outbox, quarantine, work files
  std::string pluginDirectory;  // empty: the default next to the executable
  std::string logFile;          // empty: console
  std::string logLevel = "information";
  // <syslog facility="daemon"/>: log to syslog as well (on Linux journald reads it).
  bool syslog = false;
  std::string syslogFacility = "daemon";  // daemon, user, local0 … local7
  // The admin HTTP API of brobygd; off when `adminListen` is empty. Loopback only.
  std::string adminListen;     // host:port, e.g. 127.0.0.1:8470
  std::string adminTokenFile;  // a private file holding the bearer token
  long adminLine = 0;
  // How long rejected rows (CPR numbers in clear) and delivered packages are kept; 0: kept.
  std::int64_t quarantineRetentionSeconds = 90 * 86400;
  std::int64_t deliveredRetentionSeconds = 30 * 86400;
};

struct ProducerConfig : Where {
  std::string municipality;  // kommunekode
  std::string name;
  std::string signingCertificate;
  std::string signingKey;
};

struct ProjectConfig : Where {
  std::string id;
  std::string keyFile;
};

struct RecipientConfig : Where {
  std::string id;
  std::string certificate;
};

// A configured plugin instance (a source or a destination).
struct InstanceConfig : Where {
  std::string id;
  std::string plugin;
  std::vector<plugin::ConfiguredSetting> settings;
  // Destinations only: the receiver's receipt-signing certificate, pinned (absolute path, or
  // empty). When set, the host verifies each receipt against it before `delivered`.
  std::string receiptCertificate;
};

struct LegalBasisConfig : Where {
  std::string agreement;              // e.g. the data processing agreement's id
  std::string expires;                // yyyy-mm-dd: the job refuses to run after this day
  std::string reference;              // free text: the legal basis as the agreement words it
  std::vector<std::string> datasets;  // datasets the agreement allows
  // The agreement allows aggregates only (issue 15): the job ships no row-level dataset.
  bool aggregatesOnly = false;
};

struct JobDatasetConfig : Where {
  std::string dataset;
  std::string source;  // empty for a derived dataset (absence_summary)
  // false: read, checked and kept for the job's derived datasets, never shipped
  // (ship="false"; an aggregates-only job's absence_event and enrolment).
  bool ship = true;
};

// Re-identification risk (issue 15): the report's k, whether the job refuses a package whose
// classes fall below it, and the generalisation applied to the data it ships.
struct RiskConfig {
  unsigned k = 5;
  bool enforce = false;
  risk::Generalisation generalisation;
};

struct JobConfig : Where {
  std::string id;
  std::string project;
  std::string destination;
  LegalBasisConfig legalBasis;
  std::vector<JobDatasetConfig> datasets;
  std::vector<std::string> recipients;
  long recipientsLine = 0;
  std::vector<std::string> formats{"csv", "xml"};
  int compression = 6;
  // Threads that read and derive a job's rows: 1 reads, normalises and writes on one; 2 reads
  // on one and derives and writes on another, and deflates the package's entries on two and
  // checks the ZIP beside the signing. The package bytes are the same either way.
  int workers = 2;
  // When brobygd starts the job: an interval since the last start (1d) or five cron fields
  // (15 2 * * *) in `timezone` (empty: Europe/Copenhagen); empty: on demand only.
  std::string schedule;
  std::string timezone;
  std::string missed = "run-once";  // a due time passed while brobygd was down: run-once, skip
  RiskConfig risk;
  summary::Thresholds summaryThresholds;  // <dataset name="absence_summary"> attributes

  // Whether the job ships `dataset` (named and not ship="false").
  bool ships(const std::string& dataset) const;
};

struct Config {
  std::string path;       // the file it came from
  std::string directory;  // relative paths are resolved against this
  ServiceConfig service;
  ProducerConfig producer;
  std::vector<ProjectConfig> projects;
  std::vector<RecipientConfig> recipients;
  std::vector<InstanceConfig> sources;
  std::vector<InstanceConfig> destinations;
  std::vector<JobConfig> jobs;
  ReceiverConfig receiver;  // the evaluator's side; enabled when <receiver> is given
  std::vector<SchoolCalendarConfig> schoolCalendars;  // one per municipality

  const ProjectConfig* project(const std::string& id) const;
  const RecipientConfig* recipient(const std::string& id) const;
  const InstanceConfig* source(const std::string& id) const;
  const InstanceConfig* destination(const std::string& id) const;
  const JobConfig* job(const std::string& id) const;
  std::string pluginDirectory() const;        // configured or default
  std::set<std::string> pluginNames() const;  // the plugins its sources and destinations use
};

// The school calendar of `municipality` (3 or 4 digits), or null.
const SchoolCalendarConfig* findSchoolCalendar(const Config& config,
                                               const std::string& municipality);

// Problems of a configuration are brobyg::Problem, located at a line of its file.
using brobyg::formatProblems;
using brobyg::hasErrors;
using brobyg::Problem;
using brobyg::Problems;

}  // namespace brobyg::config
