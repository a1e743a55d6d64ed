#include "GoldenSupport.h"

#include <cstdlib>
#include <sstream>

#include "dataset/DatasetWriter.h"
#include "pipeline/RowNormaliser.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

namespace brobyg::test {
namespace {

// One line of RFC 4180 CSV (fields may be quoted, with doubled quotes inside).
std::vector<std::string> splitComma(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// For each spec input, the index of its header column, or -1.
std::vector<int> mapColumns(const std::vector<std::string>& header,
                            const std::vector<std::string>& columns) {
  std::vector<int> out;
  for (const std::string& want : columns) {
    int found = -1;
    for (std::size_t i = 0; i < header.size(); ++i)
      if (!want.empty() && header[i] == want) found = static_cast<int>(i);
    if (!want.empty() && found < 0) throw Error("golden input: no column " + want);
    out.push_back(found);
  }
  return out;
}

}  // namespace

GoldenOutput runGolden(const dataset::DatasetSpec& spec, const std::string& inputPath,
                       const std::vector<std::string>& columns, const pseudo::Date& today,
                       const std::string& workDir) {
  pseudo::ProjectKey key = pseudo::ProjectKey::fromBytes(pseudo::ProjectKey::Bytes{});
  pseudo::Pseudonymiser pseudonymiser(key, "golden");
  auto normaliser = pipeline::RowNormaliser::forDataset(spec, pseudonymiser, today);
  auto csv = dataset::makeWriter("csv", spec, workDir + "/out.csv", Durability::Scratch);
  auto xml = dataset::makeWriter("xml", spec, workDir + "/out.xml", Durability::Scratch);
  csv->begin();
  xml->begin();

  std::istringstream input(readFile(inputPath));
  std::string line;
  std::getline(input, line);
  const std::vector<int> index = mapColumns(splitComma(line), columns);
  std::ostringstream rejected;
  std::vector<std::string_view> out;
  std::string reason;
  for (int number = 2; std::getline(input, line); ++number) {
    std::vector<std::string> fields = splitComma(line);
    std::vector<brobyg_str> values;
    static const std::string kEmpty;
    for (int i : index) {
      const std::string& v =
          i >= 0 && static_cast<std::size_t>(i) < fields.size() ? fields[i] : kEmpty;
      values.push_back({v.data(), v.size()});
    }
    if (normaliser->normalise(values.data(), values.size(), "golden-source", out, reason)) {
      csv->writeRow(out.data(), out.size());
      xml->writeRow(out.data(), out.size());
    } else {
      rejected << "line " << number << ": " << reason << "\n";
    }
  }
  csv->finish();
  xml->finish();
  std::ostringstream counts;
  for (const pipeline::RunCount& c : normaliser->counts())
    counts << c.name << ": " << c.rows << "\n";
  return {readFile(workDir + "/out.csv"), readFile(workDir + "/out.xml"), rejected.str(),
          counts.str()};
}

std::string compareGolden(const std::string& path, const std::string& actual) {
  const char* update = std::getenv("BROBYG_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    writeFileAtomically(path, actual);
    return "";
  }
  std::string expected = readFile(path);
  if (expected == actual) return "";
  std::size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
  std::size_t lineStart = expected.rfind('\n', at);
  lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
  return path + ": differs at byte " + std::to_string(at) +
         "; expected line: " + expected.substr(lineStart, expected.find('\n', at) - lineStart) +
         "\nactual line:   " + actual.substr(lineStart, actual.find('\n', at) - lineStart);
}

}  // namespace brobyg::test
