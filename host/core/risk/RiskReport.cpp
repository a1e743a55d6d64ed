#include "risk/RiskReport.h"

#include <pugixml.hpp>

#include <cstdio>
#include <sstream>

#include "dataset/CsvDatasetWriter.h"

namespace brobyg::risk {
namespace {

std::string share(const ClassFigures& f, std::uint64_t records) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", f.shareBelowK(records));
  return text;
}

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string all;
  for (const std::string& w : words) all += (all.empty() ? "" : separator) + w;
  return all;
}

}  // namespace

std::string toXml(const RiskReport& report) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("riskReport");
  root.append_attribute("xmlns") = "urn:brobyg:risk-report:1";
  root.append_attribute("package") = report.packageId.c_str();
  root.append_attribute("k") = report.k;
  root.append_attribute("generalisation") = report.shipped.name().c_str();
  for (const DatasetRisk& d : report.datasets) {
    pugi::xml_node n = root.append_child("dataset");
    n.append_attribute("name") = d.dataset.c_str();
    n.append_attribute("records") = std::to_string(d.records).c_str();
    n.append_attribute("persons") = std::to_string(d.persons).c_str();
    n.append_attribute("quasiIdentifiers") = joined(d.quasiIdentifiers, " ").c_str();
    for (const ClassFigures& f : d.figures) {
      pugi::xml_node c = n.append_child("classes");
      c.append_attribute("generalisation") = f.generalisation.name().c_str();
      c.append_attribute("shipped") = f.generalisation == report.shipped;
      c.append_attribute("count") = std::to_string(f.classes).c_str();
      c.append_attribute("smallest") = std::to_string(f.smallestClass).c_str();
      c.append_attribute("recordsBelowK") = std::to_string(f.recordsBelowK).c_str();
      c.append_attribute("shareBelowK") = share(f, d.records).c_str();
      c.append_attribute("personsBelowK") = std::to_string(f.personsBelowK).c_str();
    }
  }
  for (const AggregateRisk& a : report.aggregates) {
    pugi::xml_node n = root.append_child("aggregate");
    n.append_attribute("name") = a.dataset.c_str();
    n.append_attribute("rows") = std::to_string(a.rows).c_str();
    n.append_attribute("values") = std::to_string(a.values).c_str();
    n.append_attribute("suppressed") = std::to_string(a.suppressed).c_str();
    n.append_attribute("rowsWithSuppression") = std::to_string(a.rowsWithSuppression).c_str();
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// Through the datasets' own CSV encoder (RFC 4180, CRLF), so both read alike.
std::string toCsv(const RiskReport& report) {
  std::string csv;
  std::vector<char> buffer;
  auto line = [&](const std::vector<std::string>& fields) {
    std::vector<std::string_view> values(fields.begin(), fields.end());
    buffer.resize(dataset::csvRecordMaxSize(values.data(), values.size()));
    std::size_t badColumn = 0;
    const std::size_t size =
        dataset::encodeCsvRecord(values.data(), values.size(), buffer.data(), badColumn);
    csv.append(buffer.data(), size);  // names and numbers only: always valid UTF-8
  };
  // A row-level dataset's lines leave the last two columns empty, an aggregate's the classes'.
  line({"dataset", "quasi_identifiers", "generalisation", "shipped", "k", "records", "persons",
        "classes", "smallest_class", "records_below_k", "share_below_k", "persons_below_k",
        "values", "values_suppressed"});
  for (const DatasetRisk& d : report.datasets)
    for (const ClassFigures& f : d.figures)
      line({d.dataset, joined(d.quasiIdentifiers, " "), f.generalisation.name(),
            f.generalisation == report.shipped ? "true" : "false", std::to_string(report.k),
            std::to_string(d.records), std::to_string(d.persons), std::to_string(f.classes),
            std::to_string(f.smallestClass), std::to_string(f.recordsBelowK), share(f, d.records),
            std::to_string(f.personsBelowK), "", ""});
  for (const AggregateRisk& a : report.aggregates)
    line({a.dataset, "", report.shipped.name(), "true", std::to_string(report.k),
          std::to_string(a.rows), "", "", "", "", "", "", std::to_string(a.values),
          std::to_string(a.suppressed)});
  return csv;
}

const DatasetRisk* firstBelowK(const RiskReport& report) {
  for (const DatasetRisk& d : report.datasets)
    if (!d.figures.empty() && d.records > 0 && d.figures.front().smallestClass < report.k)
      return &d;
  return nullptr;
}

std::string belowKMessage(const RiskReport& report, const DatasetRisk& risk) {
  const ClassFigures& shipped = risk.figures.front();
  std::string message =
      "dataset " + risk.dataset + ": the smallest class on " + joined(risk.quasiIdentifiers, ", ") +
      " (generalisation " + shipped.generalisation.name() + ") has " +
      std::to_string(shipped.smallestClass) + " person(s), below the k of " +
      std::to_string(report.k) + " the job enforces (" + std::to_string(shipped.recordsBelowK) +
      " of " + std::to_string(risk.records) + " records in such classes); ";
  for (std::size_t i = 1; i < risk.figures.size(); ++i)
    if (risk.figures[i].smallestClass >= report.k)
      return message + "generalisation " + risk.figures[i].generalisation.name() +
             " would reach it (smallest class " + std::to_string(risk.figures[i].smallestClass) +
             ")";
  std::uint64_t best = shipped.smallestClass;
  std::string bestName = shipped.generalisation.name();
  for (const ClassFigures& f : risk.figures)
    if (f.smallestClass > best) best = f.smallestClass, bestName = f.generalisation.name();
  return message + "no generalisation brobyg offers reaches it (best: " + bestName +
         ", smallest class " + std::to_string(best) + ")";
}

}  // namespace brobyg::risk
