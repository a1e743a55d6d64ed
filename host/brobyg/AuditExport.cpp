#include "AuditExport.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <stdexcept>
#include <string_view>

#include "dataset/CsvDatasetWriter.h"
#include "dataset/CsvField.h"
#include "state/Quarantine.h"

namespace brobyg::cli {

namespace {

// In the order disclosureLine (pipeline/stages/Package.cpp) and the key commands write them.
const char* const kKeys[] = {"project", "key_id", "agreement", "expires", "recipients",
                             "files",   "period", "to",        "from",    "file"};

// Where " key=" (or "key=" at the start) of a known key begins at or after `from`.
std::size_t nextKey(const std::string& line, std::size_t from, std::size_t& valueStart,
                    std::string& key) {
  std::size_t best = std::string::npos;
  for (const char* k : kKeys) {
    const std::string at = std::string(k) + "=";
    for (std::size_t p = line.find(at, from); p != std::string::npos; p = line.find(at, p + 1)) {
      if (p != 0 && line[p - 1] != ' ') continue;
      if (p < best) {
        best = p;
        valueStart = p + at.size();
        key = k;
      }
      break;
    }
  }
  return best;
}

// The export is a file for people: a cell a spreadsheet would run as a formula gets a
// leading ' (CHECKLIST "CSV injection").
std::string cell(std::string value) {
  if (state::startsFormula(value)) value.insert(0, "'");
  return value;
}

std::string signatureState(const state::DisclosureEntry& e, const state::AuditResult& audit) {
  if (!audit.ok() && e.seq >= audit.firstBroken)
    return e.seq == audit.firstBroken ? "BROKEN: " + audit.problem : "after a broken entry";
  return e.signature.empty() ? "unsigned (written before signing)" : "signed, verified";
}

const char* const kColumns[] = {"seq",     "kind",        "when",           "package_id", "job",
                                "project", "destination", "recipients",     "to",         "files",
                                "period",  "agreement",   "expires",        "key_id",     "receipt",
                                "hash",    "signer",      "signature_state"};

std::vector<std::string> row(const state::DisclosureEntry& e, const state::AuditResult& audit) {
  std::map<std::string, std::string> f = disclosureFields(e.disclosure);
  return {std::to_string(e.seq),
          e.kind,
          e.deliveredAt,
          e.packageId,
          e.job,
          f["project"],
          e.destination,
          f["recipients"],
          f["to"],
          f["files"],
          f["period"],
          f["agreement"],
          f["expires"],
          f["key_id"],
          e.receipt,
          e.hash,
          e.signer,
          signatureState(e, audit)};
}

void appendCsv(std::string& csv, const std::vector<std::string>& fields) {
  std::vector<std::string> cells;
  for (const std::string& f : fields) cells.push_back(cell(f));
  std::vector<std::string_view> values(cells.begin(), cells.end());
  std::vector<char> buffer(dataset::csvRecordMaxSize(values.data(), values.size()));
  std::size_t badColumn = 0;
  const std::size_t size =
      dataset::encodeCsvRecord(values.data(), values.size(), buffer.data(), badColumn);
  // brobyg wrote every field (UTF-8 from its configuration): an invalid byte is a damaged
  // database, said with the column, never the value.
  if (size == dataset::kInvalidUtf8)
    throw std::runtime_error("the disclosure register holds invalid UTF-8 in column " +
                             std::string(kColumns[badColumn]));
  csv.append(buffer.data(), size);
}

}  // namespace

std::map<std::string, std::string> disclosureFields(const std::string& line) {
  std::map<std::string, std::string> fields;
  std::size_t valueStart = 0;
  std::string key;
  std::size_t at = nextKey(line, 0, valueStart, key);
  while (at != std::string::npos) {
    std::size_t nextStart = 0;
    std::string nextName;
    std::size_t next = nextKey(line, valueStart, nextStart, nextName);
    std::size_t end = next == std::string::npos ? line.size() : next - 1;
    fields[key] = line.substr(valueStart, end - valueStart);
    at = next;
    valueStart = nextStart;
    key = nextName;
  }
  return fields;
}

std::string registerCsv(const std::vector<state::DisclosureEntry>& entries,
                        const state::AuditResult& audit) {
  std::string csv;
  appendCsv(csv, std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  for (const state::DisclosureEntry& e : entries) appendCsv(csv, row(e, audit));
  return csv;
}

std::string registerJson(const std::vector<state::DisclosureEntry>& entries,
                         const state::AuditResult& audit) {
  // In the CSV's column order, not sorted by name.
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("entries", static_cast<Poco::Int64>(audit.entries));
  document.set("intact", audit.ok());
  if (!audit.ok()) document.set("problem", audit.problem);
  document.set("head", audit.head);
  Poco::JSON::Array list;
  for (const state::DisclosureEntry& e : entries) {
    const std::vector<std::string> values = row(e, audit);
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("seq", static_cast<Poco::Int64>(e.seq));
    for (std::size_t i = 1; i < values.size(); ++i) item.set(kColumns[i], values[i]);
    list.add(item);
  }
  document.set("disclosures", list);
  std::ostringstream out;
  document.stringify(out, 2);
  out << "\n";
  return out.str();
}

}  // namespace brobyg::cli
