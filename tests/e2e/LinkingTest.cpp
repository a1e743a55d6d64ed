// Issue 12: one package links a child's absence and social-service records under one
// pseudonym. The example configuration's job reads the school system's export (csv) and the
// case system's SQLite database (sql, two sources); an evaluator with stock openssl checks the
// result against what brobyg-synth says it wrote. Issue 19: the school system's results export
// (csv) joins them, so that a child's absence, measures and school outcomes share a pseudonym.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;

namespace {

// Runs the job once and opens its only package with openssl.
fs::path runAndOpen(const Installation& inst) {
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(r.exitCode, 0) << r.out;
  auto packages = inst.dropped();
  EXPECT_EQ(packages.size(), 1u) << r.out;
  const fs::path opened = inst.dir / "opened";
  if (!packages.empty()) openWithOpenssl(packages[0], inst.dir / "keys", "vive", opened);
  return opened;
}

// The first column (person) of a dataset's rows, per row.
std::set<std::string> persons(const fs::path& csv) {
  std::set<std::string> out;
  auto rows = readCsv(csv);
  for (std::size_t i = 1; i < rows.size(); ++i) out.insert(rows[i][0]);
  return out;
}

// Case truth rows of one dataset (dataset,id,cpr,municipality,kind,legal_basis,placement,
// start,end), in the form compareRows builds from the package.
std::multiset<std::string> expectedRows(const std::vector<std::vector<std::string>>& truth,
                                        const std::string& dataset,
                                        std::map<std::string, std::string>& pseudonymOf,
                                        const fs::path& keyFile) {
  std::multiset<std::string> out;
  for (std::size_t i = 1; i < truth.size(); ++i) {
    const auto& t = truth[i];
    if (t[0] != dataset) continue;
    std::string& pseudonym = pseudonymOf[t[2]];
    if (pseudonym.empty()) pseudonym = pseudonymWithOpenssl(keyFile, t[2]);
    const std::string municipality = t[3].size() == 4 && t[3][0] == '0' ? t[3].substr(1) : t[3];
    out.insert(dataset == "case_event" ? pseudonym + "|" + municipality + "|" + t[4] + "|" + t[7]
                                       : pseudonym + "|" + municipality + "|" + t[4] + "|" + t[5] +
                                             "|" + t[6] + "|" + t[7] + "|" + t[8]);
  }
  return out;
}

std::multiset<std::string> packageRows(const fs::path& csv, const std::string& dataset) {
  auto rows = readCsv(csv);
  std::multiset<std::string> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& c = rows[i];
    // case_event: person,birth_month,sex,age,municipality,kind,date,source
    // case_measure: person,birth_month,sex,age,municipality,legal_basis_recorded,legal_basis,
    //               kind,placement_recorded,placement,start,end,source
    out.insert(dataset == "case_event" ? c[0] + "|" + c[4] + "|" + c[5] + "|" + c[6]
                                       : c[0] + "|" + c[4] + "|" + c[7] + "|" + c[6] + "|" + c[9] +
                                             "|" + c[10] + "|" + c[11]);
  }
  return out;
}

// The school system's results export of the installation's pupils, written as if a while ago
// (the csv source leaves files younger than min_file_age for later); returns its truth file.
constexpr int kOutcomeBadRows = 4;
fs::path writeOutcomeExport(const Installation& inst) {
  const fs::path file = inst.dir / "export/resultater_2026-11-24.csv";
  const fs::path truth = inst.dir / "outcomes-truth.csv";
  mustRun(kSynth + " outcomes --seed 7 --pupils " + quote(inst.pupils) + " --bad-rows " +
          std::to_string(kOutcomeBadRows) + " --truth " + quote(truth) + " --out " + quote(file));
  fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::minutes(5));
  return truth;
}

// school_outcome rows as pseudonym|grade|school_year|date|instrument|subject|score|scale, from
// the package (person,birth_month,sex,age,municipality,school,grade,school_year,date,
// instrument,subject,score,scale,source) or from the truth (cpr,grade,school_year,date,
// instrument,subject,score,scale) for the children whose pseudonym is known.
std::multiset<std::string> outcomeRows(const std::vector<std::vector<std::string>>& rows,
                                       std::size_t first,
                                       const std::map<std::string, std::string>* pseudonymOf,
                                       const std::set<std::string>& persons) {
  std::multiset<std::string> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& c = rows[i];
    std::string person = c[0];
    if (pseudonymOf != nullptr) {
      auto it = pseudonymOf->find(c[0]);
      if (it == pseudonymOf->end()) continue;
      person = it->second;
    }
    if (persons.count(person) == 0) continue;
    std::string row = person;
    for (std::size_t k = first; k < first + 7; ++k) row += "|" + c[k];
    out.insert(row);
  }
  return out;
}
}  // namespace

TEST(Linking, AChildHasOnePseudonymForAbsenceAndCasesInOnePackage) {
  Installation inst("linking");
  ASSERT_GT(inst.caseRows, 50);
  const fs::path outcomeTruth = writeOutcomeExport(inst);
  const fs::path opened = runAndOpen(inst);
  for (const char* dataset : {"absence_event", "enrolment", "absence_summary", "case_measure",
                              "case_event", "person_period", "school_outcome"}) {
    EXPECT_TRUE(fs::exists(opened / (std::string(dataset) + ".csv"))) << dataset;
    mustRun("xmllint --noout --schema " + kSchemas + "/" + dataset + ".xsd " +
            quote(opened / (std::string(dataset) + ".xml")));
  }
  const std::string manifest = readAll(opened / "manifest.xml");
  mustRun("xmllint --noout --schema " + kSchemas + "/manifest.xsd " +
          quote(opened / "manifest.xml"));
  for (const char* source :
       {"<source id=\"skolesystem\" plugin=\"csv\" dataset=\"absence_event\"",
        "<source id=\"sager-foranstaltninger\" plugin=\"sql\" dataset=\"case_measure\"",
        "<source id=\"sager-haendelser\" plugin=\"sql\" dataset=\"case_event\"",
        "<source id=\"resultater\" plugin=\"csv\" dataset=\"school_outcome\"",
        "<source id=\"elevregister\" plugin=\"csv\" dataset=\"enrolment\""})
    EXPECT_NE(manifest.find(source), std::string::npos) << source << "\n" << manifest;

  // Every row of the case system arrives once, with the pseudonym openssl computes from the
  // child's CPR number, the legal basis normalised and the placement harmonised as the
  // generator intended (both laws, many spellings, unrecognisable text as unknown).
  const fs::path keyFile = inst.dir / "keys/project.key";
  const auto truth = readCsv(inst.casesTruth);
  std::map<std::string, std::string> pseudonymOf;
  for (const char* dataset : {"case_measure", "case_event"}) {
    const auto expected = expectedRows(truth, dataset, pseudonymOf, keyFile);
    const auto actual = packageRows(opened / (std::string(dataset) + ".csv"), dataset);
    EXPECT_EQ(actual.size(), expected.size()) << dataset;
    std::vector<std::string> missing;
    for (const auto& row : expected)
      if (actual.count(row) != expected.count(row)) missing.push_back(row);
    EXPECT_TRUE(missing.empty()) << dataset << ": " << missing.size()
                                 << " rows differ, e.g. expected " << missing.front();
  }

  // The link: a child with a case has the same pseudonym in absence_event as in case_measure.
  const auto absent = persons(opened / "absence_event.csv");
  const auto measured = persons(opened / "case_measure.csv");
  const auto notified = persons(opened / "case_event.csv");
  std::size_t linked = 0;
  for (const auto& [cpr, pseudonym] : pseudonymOf) {
    EXPECT_GT(measured.count(pseudonym) + notified.count(pseudonym), 0u);
    linked += absent.count(pseudonym) == 1 && measured.count(pseudonym) == 1;
  }
  EXPECT_GT(linked, 20u) << "children with absence and measures, under one pseudonym";

  // person_period joins them: a child in care in a quarter has a placement in case_measure
  // under the same pseudonym, and some such quarters also count school days.
  const auto column = [](const std::vector<std::vector<std::string>>& csv, const char* name) {
    const auto at = std::find(csv.at(0).begin(), csv.at(0).end(), name);
    EXPECT_NE(at, csv[0].end()) << name;
    return static_cast<std::size_t>(at - csv[0].begin());
  };
  const auto measures = readCsv(opened / "case_measure.csv");
  std::set<std::string> placed;
  for (std::size_t i = 1, kind = column(measures, "kind"); i < measures.size(); ++i)
    if (measures[i][kind].rfind("placement_", 0) == 0) placed.insert(measures[i][0]);
  const auto periods = readCsv(opened / "person_period.csv");
  ASSERT_GT(periods.size(), 1u);
  const std::size_t inCare = column(periods, "in_care"), planned = column(periods, "planned");
  std::size_t inCareAtSchool = 0;
  for (std::size_t i = 1; i < periods.size(); ++i) {
    if (periods[i][inCare] != "yes") continue;
    EXPECT_EQ(placed.count(periods[i][0]), 1u) << "in care without a placement";
    inCareAtSchool += periods[i][planned] != "0";
  }
  EXPECT_GT(inCareAtSchool, 5u) << "quarters of placed children with school days";

  // School outcomes: every good row of the results export arrives, the broken ones do not;
  // those of the children with a case carry the pseudonym openssl computes, so that one child
  // is the same pseudonym in absence_event, case_measure and school_outcome.
  const auto outcomeTruthRows = readCsv(outcomeTruth);
  const auto outcomePackageRows = readCsv(opened / "school_outcome.csv");
  ASSERT_GT(outcomeTruthRows.size(), 100u);
  EXPECT_EQ(outcomePackageRows.size(), outcomeTruthRows.size());
  const auto tested = persons(opened / "school_outcome.csv");
  std::set<std::string> withCase;
  for (const auto& entry : pseudonymOf) withCase.insert(entry.second);
  const auto expectedOutcomes = outcomeRows(outcomeTruthRows, 1, &pseudonymOf, withCase);
  EXPECT_GT(expectedOutcomes.size(), 20u);
  EXPECT_EQ(outcomeRows(outcomePackageRows, 6, nullptr, withCase), expectedOutcomes);
  std::size_t inAllThree = 0;
  for (const auto& [cpr, pseudonym] : pseudonymOf)
    inAllThree += absent.count(pseudonym) && measured.count(pseudonym) && tested.count(pseudonym);
  EXPECT_GT(inAllThree, 10u) << "children with absence, measures and outcomes, one pseudonym";
  // No CPR number, in either form, in the case and outcome datasets.
  const std::string cases =
      readAll(opened / "case_measure.csv") + readAll(opened / "case_measure.xml") +
      readAll(opened / "case_event.csv") + readAll(opened / "case_event.xml") +
      readAll(opened / "school_outcome.csv") + readAll(opened / "school_outcome.xml");
  for (const auto& [cpr, pseudonym] : pseudonymOf) {
    EXPECT_EQ(cases.find(cpr), std::string::npos);
    EXPECT_EQ(cases.find(cpr.substr(0, 6) + "-" + cpr.substr(6)), std::string::npos);
  }
  fs::remove_all(inst.dir);
}

TEST(Linking, AnotherProjectGivesTheSameChildAnotherPseudonym) {
  Installation first("linking-a");
  Installation other("linking-b");
  // The same municipality data and project key, another project id.
  fs::copy_file(first.dir / "keys/project.key", other.dir / "keys/project.key",
                fs::copy_options::overwrite_existing);
  std::string xml = readAll(other.config);
  for (std::size_t at; (at = xml.find(kProject)) != std::string::npos;)
    xml.replace(at, kProject.size(), "vive-anden-evaluering");
  std::ofstream(other.config) << xml;
  const fs::path a = runAndOpen(first);
  const fs::path b = runAndOpen(other);

  // A child with a measure and absence.
  const auto truth = readCsv(first.casesTruth);
  const auto absentA = persons(a / "absence_event.csv");
  const auto measuredA = persons(a / "case_measure.csv");
  const auto absentB = persons(b / "absence_event.csv");
  const auto measuredB = persons(b / "case_measure.csv");
  const fs::path keyFile = first.dir / "keys/project.key";
  std::size_t checked = 0;
  for (std::size_t i = 1; i < truth.size() && checked < 3; ++i) {
    if (truth[i][0] != "case_measure") continue;
    const std::string pa = pseudonymWithOpenssl(keyFile, truth[i][2]);
    if (absentA.count(pa) == 0) continue;  // no absence that school year
    const std::string pb = pseudonymWithOpenssl(keyFile, truth[i][2], "vive-anden-evaluering");
    EXPECT_NE(pa, pb);
    EXPECT_EQ(measuredA.count(pa), 1u);
    EXPECT_EQ(measuredB.count(pb), 1u);
    EXPECT_EQ(absentB.count(pb), 1u);
    EXPECT_EQ(measuredB.count(pa) + absentB.count(pa), 0u) << "project A's pseudonym in B";
    ++checked;
  }
  EXPECT_EQ(checked, 3u);
  // No pseudonym is shared between the two projects' packages.
  for (const auto& p : measuredA) EXPECT_EQ(measuredB.count(p), 0u);
  fs::remove_all(first.dir);
  fs::remove_all(other.dir);
}
