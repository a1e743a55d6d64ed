#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "risk/Generalisation.h"

namespace brobyg::risk {

// One way of grouping a dataset's records: by its quasi-identifiers as shipped, or coarsened
// further. Class sizes count persons (distinct pseudonyms), not records: a child with fifty
// absence rows is still one child an outsider could single out.
struct ClassFigures {
  Generalisation generalisation;
  std::uint64_t classes = 0;
  std::uint64_t smallestClass = 0;  // persons in the smallest class (0: no records)
  std::uint64_t recordsBelowK = 0;  // records in classes of fewer than k persons
  std::uint64_t personsBelowK = 0;  // distinct persons with a record in such a class
  double shareBelowK(std::uint64_t records) const {
    return records == 0 ? 0.0 : static_cast<double>(recordsBelowK) / static_cast<double>(records);
  }
};

struct DatasetRisk {
  std::string dataset;
  std::vector<std::string> quasiIdentifiers;
  std::uint64_t records = 0;
  std::uint64_t persons = 0;
  std::vector<ClassFigures> figures;  // as shipped first, then each further generalisation
};

// An aggregate dataset (absence_aggregate): no row is a person's, and its counts were
// suppressed below k (aggregate/Suppression.h); what suppression took.
struct AggregateRisk {
  std::string dataset;
  std::uint64_t rows = 0;        // cells and margins
  std::uint64_t values = 0;      // counts and rates that belong to their row's period kind
  std::uint64_t suppressed = 0;  // of those, left empty (below k, or a complement)
  std::uint64_t rowsWithSuppression = 0;
};

// What a package says about how identifiable its rows are (risk_report.xml and .csv).
struct RiskReport {
  std::string packageId;
  unsigned k = 5;
  Generalisation shipped;
  std::vector<DatasetRisk> datasets;  // row-level datasets with quasi-identifiers, by name
  std::vector<AggregateRisk> aggregates;
};

constexpr const char* kRiskReportXml = "risk_report.xml";
constexpr const char* kRiskReportCsv = "risk_report.csv";

// schemas/risk_report.xsd, namespace urn:brobyg:risk-report:1.
std::string toXml(const RiskReport& report);
// One line per dataset and grouping, with a header; CRLF like the datasets' CSV.
std::string toCsv(const RiskReport& report);

// The first dataset whose shipped grouping has a class below k, or null: what a job that
// enforces k refuses to stage.
const DatasetRisk* firstBelowK(const RiskReport& report);
// Why `risk` does not reach k and which further generalisation would, in one sentence
// without personal data (sizes only).
std::string belowKMessage(const RiskReport& report, const DatasetRisk& risk);

}  // namespace brobyg::risk
