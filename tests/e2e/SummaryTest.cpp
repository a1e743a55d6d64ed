// Issue 15: absence_summary shipped by the real brobyg binary over incremental runs. The test
// writes enrolments and absences of brobyg-synth's pupils as a school system would, runs the
// job, opens every package with stock openssl and compares the quarter rows with figures it
// computes itself: a naive day-by-day count over the school calendar, not the product's code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;

namespace {

// --- Dates, counted naively -------------------------------------------------------------

struct Ymd {
  int y, m, d;
  auto operator<=>(const Ymd&) const = default;
};

int daysIn(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}
Ymd next(Ymd t) {
  if (++t.d > daysIn(t.y, t.m)) {
    t.d = 1;
    if (++t.m > 12) {
      t.m = 1;
      ++t.y;
    }
  }
  return t;
}
std::string iso(const Ymd& t) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.y, t.m, t.d);
  return text;
}
// 0 = Monday .. 6 = Sunday, by Zeller's congruence.
int weekday(const Ymd& t) {
  int y = t.y, m = t.m;
  if (m < 3) {
    m += 12;
    --y;
  }
  const int h = (t.d + 13 * (m + 1) / 5 + y + y / 4 - y / 100 + y / 400) % 7;  // 0 = Saturday
  return (h + 5) % 7;
}

// The example configuration's 2026/27 calendar, as a list of what is not a school day: its
// holidays and the Danish public holidays that fall on a weekday of the school year.
const Ymd kYearFirst{2026, 8, 10}, kYearLast{2027, 6, 25};
bool schoolDay(const Ymd& t) {
  if (t < kYearFirst || kYearLast < t || weekday(t) >= 5) return false;
  if (!(t < Ymd{2026, 10, 12}) && !(Ymd{2026, 10, 16} < t)) return false;  // efterårsferie
  if (!(t < Ymd{2026, 12, 21}) && !(Ymd{2027, 1, 1} < t)) return false;    // juleferie
  // skærtorsdag, langfredag, 2. påskedag, Kristi himmelfartsdag, 2. pinsedag
  const Ymd publicHolidays[] = {
      {2027, 3, 25}, {2027, 3, 26}, {2027, 3, 29}, {2027, 5, 6}, {2027, 5, 17}};
  return std::find(std::begin(publicHolidays), std::end(publicHolidays), t) ==
         std::end(publicHolidays);
}
const Ymd kQ3First{2026, 7, 1}, kQ3Last{2026, 9, 30};
const Ymd kSchoolYearFirst{2026, 8, 1}, kSchoolYearLast{2027, 7, 31};

// --- The school system's data -----------------------------------------------------------

struct Pupil {
  std::string cpr, school, grade;
};
struct Enrolment {
  std::string cpr, school, grade;
  Ymd from;
  std::optional<Ymd> to;
};
struct Absence {
  std::string cpr, school, grade;
  Ymd day;
  std::string category;
};

std::vector<Pupil> readPupils(const fs::path& file, std::size_t count) {
  std::vector<Pupil> pupils;
  const auto rows =
      readCsv(file);  // cpr,first_name,last_name,sex,birth_date,municipality,school,grade,...
  for (std::size_t i = 1; i < rows.size() && pupils.size() < count; ++i)
    pupils.push_back({rows[i][0], rows[i][6], rows[i][7]});
  return pupils;
}

// Every school day (and a Saturday and a holiday, which never count) of the quarter, for
// absences: pupil i is absent on every (i % 5 + 3)-th of them, starting at `offset`.
std::vector<Absence> absencesOf(const std::vector<Pupil>& pupils, int offset, bool everyThird) {
  static const char* kCategories[] = {"unauthorised", "sick",    "authorised",
                                      "unauthorised", "unknown", "unauthorised"};
  std::vector<Ymd> days;
  for (Ymd t = kYearFirst; !(kQ3Last < t); t = next(t)) days.push_back(t);
  std::vector<Absence> out;
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    if (everyThird && i % 3 != 0) continue;
    const std::size_t step = i % 5 + 3;
    for (std::size_t k = static_cast<std::size_t>(offset) + i % 2; k < days.size(); k += step)
      out.push_back(
          {pupils[i].cpr, pupils[i].school, pupils[i].grade, days[k], kCategories[(k + i) % 6]});
    out.push_back({pupils[i].cpr,
                   pupils[i].school,
                   pupils[i].grade,
                   {2026, 10, 13},
                   "unauthorised"});  // efterårsferie: never a school day
  }
  return out;
}

void writeAbsences(const fs::path& file, const std::vector<Absence>& absences) {
  std::ofstream out(file);
  out << "cpr;kommune;skole;klasse;dato;type\n";
  for (const Absence& a : absences)
    out << a.cpr << ";0101;" << a.school << ";" << a.grade << ";" << iso(a.day) << ";" << a.category
        << "\n";
}

void writeEnrolments(const fs::path& file, const std::vector<Enrolment>& enrolments) {
  std::ofstream out(file);
  out << "cpr;kommune;skole;klasse;fra;til\n";
  for (const Enrolment& e : enrolments)
    out << e.cpr << ";0101;" << e.school << ";" << e.grade << ";" << iso(e.from) << ";"
        << (e.to ? iso(*e.to) : "") << "\n";
}

// --- The naive summary of one pupil's quarter at one school -----------------------------

struct Expected {
  long planned = 0;
  std::map<std::string, long> absent;  // by category

  long count(const char* category) const {
    auto it = absent.find(category);
    return it == absent.end() ? 0L : it->second;
  }
  long total() const {
    return count("sick") + count("authorised") + count("unauthorised") + count("unknown");
  }
};

int seriousness(const std::string& category) {
  if (category == "unauthorised") return 0;
  if (category == "unknown") return 1;
  if (category == "authorised") return 2;
  return 3;
}

// Pupil `cpr`'s rows by school for the period from `first` to `last`.
std::map<std::string, Expected> naive(const std::string& cpr,
                                      const std::vector<Enrolment>& enrolments,
                                      const std::vector<Absence>& absences, Ymd first, Ymd last) {
  std::map<std::string, Expected> out;
  for (const Enrolment& e : enrolments) {
    if (e.cpr != cpr) continue;
    Expected& x = out[e.school];
    std::map<std::string, std::string> dayCategory;  // iso day → most serious category
    for (Ymd t = first; !(last < t); t = next(t)) {
      if (t < e.from || (e.to && *e.to < t) || !schoolDay(t)) continue;
      ++x.planned;
      for (const Absence& a : absences) {
        if (a.cpr != cpr || a.day != t) continue;
        auto [it, inserted] = dayCategory.emplace(iso(t), a.category);
        if (!inserted && seriousness(a.category) < seriousness(it->second)) it->second = a.category;
      }
    }
    for (const auto& entry : dayCategory) ++x.absent[entry.second];
  }
  return out;
}

std::string percent(long part, long whole) {
  const long long hundredths =
      std::llround(10000.0 * static_cast<double>(part) / static_cast<double>(whole));
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", hundredths / 100, hundredths % 100);
  return text;
}

// A row's planned units, units per category, total and rates against the naive figures.
void expectCounts(const std::map<std::string, std::string>& row, const Expected& x) {
  EXPECT_EQ(row.at("planned"), std::to_string(x.planned));
  for (const char* c : {"sick", "authorised", "unauthorised", "unknown"})
    EXPECT_EQ(row.at(c), std::to_string(x.count(c))) << c;
  EXPECT_EQ(row.at("absent"), std::to_string(x.total()));
  EXPECT_EQ(row.at("unauthorised_rate"), percent(x.count("unauthorised"), x.planned));
  EXPECT_EQ(row.at("absence_rate"), percent(x.total(), x.planned));
}

// A quarter's flags: unauthorised at least 10 % and 15 % of the planned units.
void expectQuarterFlags(const std::map<std::string, std::string>& row, const Expected& x) {
  EXPECT_EQ(row.at("unauth_warn"), x.count("unauthorised") * 10 >= x.planned ? "yes" : "no");
  EXPECT_EQ(row.at("unauth_notify"),
            x.count("unauthorised") * 100 >= 15 * x.planned ? "yes" : "no");
}

// --- The installation -------------------------------------------------------------------

// What the job ships: absence_summary with absence_event and enrolment; also case_measure and
// person_period; or, under an aggregates-only legal basis, absence_aggregate alone.
enum class Ships { Summary, SummaryAndCases, AggregatesOnly };

struct SummaryInstallation {
  fs::path dir;
  fs::path config;
  std::vector<Pupil> pupils;
  std::map<std::string, std::string> pseudonymOf;

  explicit SummaryInstallation(const std::string& name, Ships ships = Ships::Summary)
      : dir(freshDirectory(name)) {
    const bool withCases = ships == Ships::SummaryAndCases;
    makeKeys(dir / "keys");
    mustRun(kBrobyg + " keygen --out=" + quote(dir / "keys/project.key"));
    mustRun(kSynth + " pupils --seed 11 --count 40 --municipality 0101 --school-year 2026 --out " +
            quote(dir / "pupils.csv"));
    pupils = readPupils(dir / "pupils.csv", 24);
    for (const Pupil& p : pupils)
      pseudonymOf[p.cpr] = pseudonymWithOpenssl(dir / "keys/project.key", p.cpr);
    fs::create_directories(dir / "absence");
    fs::create_directories(dir / "enrolment");
    fs::create_directories(dir / "cases");
    config = dir / "brobyg.xml";
    const std::string caseSource = R"(
  <source id="sager" plugin="csv">
    <setting key="directory">cases</setting>
    <setting key="min_file_age">0s</setting>
    <map key="column">
      <entry key="person">cpr</entry><entry key="municipality">kommune</entry>
      <entry key="legal_basis">paragraf</entry><entry key="placement_type">anbringelse</entry>
      <entry key="start">fra</entry><entry key="end">til</entry>
    </map>
  </source>)";
    std::time_t inAYear = std::time(nullptr) + 365 * 86400;
    char expires[16];
    std::strftime(expires, sizeof expires, "%Y-%m-%d", std::gmtime(&inAYear));
    std::ofstream(config) << R"(<?xml version="1.0" encoding="UTF-8"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>state</state-directory></service>
  <producer municipality="0101" name="Test Kommune">
    <signing-certificate>keys/municipality.crt</signing-certificate>
    <signing-key>keys/municipality.key</signing-key>
  </producer>
  <project id=")" + kProject + R"(" key-file="keys/project.key"/>
  <recipient id="vive" certificate="keys/vive.crt"/>
  <source id="fravaer" plugin="csv">
    <setting key="directory">absence</setting>
    <setting key="min_file_age">0s</setting>
    <map key="column">
      <entry key="person">cpr</entry><entry key="municipality">kommune</entry>
      <entry key="school">skole</entry><entry key="grade">klasse</entry>
      <entry key="date">dato</entry><entry key="category">type</entry>
    </map>
  </source>
  <source id="indskrivning" plugin="csv">
    <setting key="directory">enrolment</setting>
    <setting key="min_file_age">0s</setting>
    <map key="column">
      <entry key="person">cpr</entry><entry key="municipality">kommune</entry>
      <entry key="school">skole</entry><entry key="grade">klasse</entry>
      <entry key="start">fra</entry><entry key="end">til</entry>
    </map>
  </source>)" + (withCases ? caseSource : "") +
                                 R"(
  <destination id="drop" plugin="folder">
    <setting key="directory">drop</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <school-calendar municipality="0101">
    <school-year first="2026-08-10" last="2027-06-25"/>
    <holiday first="2026-10-12" last="2026-10-16" name="efterårsferie"/>
    <holiday first="2026-12-21" last="2027-01-01" name="juleferie"/>
  </school-calendar>
  <job id="fravaer" project=")" + kProject +
                                 R"(" destination="drop">)" + jobDatasets(ships, expires) + R"(
    <recipient ref="vive"/>
  </job>
</brobyg>
)";
  }

  static std::string jobDatasets(Ships ships, const std::string& expires) {
    if (ships == Ships::AggregatesOnly)
      return R"(
    <legal-basis agreement="TEST-AGG" expires=")" +
             expires + R"(" datasets="absence_aggregate" aggregates-only="true">test</legal-basis>
    <dataset name="enrolment" source="indskrivning" ship="false"/>
    <dataset name="absence_event" source="fravaer" ship="false"/>
    <dataset name="absence_aggregate"/>)";
    const bool withCases = ships == Ships::SummaryAndCases;
    return R"(
    <legal-basis agreement="TEST-1" expires=")" +
           expires + R"(" datasets="enrolment absence_event absence_summary)" +
           (withCases ? " case_measure person_period" : "") + R"(">test</legal-basis>
    <dataset name="enrolment" source="indskrivning"/>
    <dataset name="absence_event" source="fravaer"/>
    <dataset name="absence_summary"/>)" +
           (withCases ? R"(
    <dataset name="case_measure" source="sager"/>
    <dataset name="person_period"/>)"
                      : "");
  }

  std::string brobyg(const std::string& args) const {
    return kBrobyg + " " + args + " --config=" + quote(config);
  }

  // Every pupil at their own school from the first school day; the first changes school on
  // 1 September (a row per school, each over its own days).
  std::vector<Enrolment> enrolments() const {
    std::vector<Enrolment> out;
    for (std::size_t i = 0; i < pupils.size(); ++i) {
      const Pupil& p = pupils[i];
      if (i == 0) {
        const std::string other = p.school == "280001" ? "280002" : "280001";
        out.push_back({p.cpr, p.school, p.grade, kYearFirst, Ymd{2026, 8, 31}});
        out.push_back({p.cpr, other, p.grade, Ymd{2026, 9, 1}, std::nullopt});
      } else {
        out.push_back({p.cpr, p.school, p.grade, kYearFirst, std::nullopt});
      }
    }
    return out;
  }

  // The first exports of a test: every pupil's enrolments() and absencesOf(pupils, 0, false),
  // written as a school system would.
  std::pair<std::vector<Enrolment>, std::vector<Absence>> writeFirstExports() const {
    std::pair<std::vector<Enrolment>, std::vector<Absence>> exports{enrolments(),
                                                                    absencesOf(pupils, 0, false)};
    writeEnrolments(dir / "enrolment/elever_1.csv", exports.first);
    writeAbsences(dir / "absence/fravaer_1.csv", exports.second);
    return exports;
  }

  // Runs the job; returns the package it delivered, opened (empty when it made none).
  fs::path runAndOpen(const std::string& label, const std::string& expectStatus = "ok") {
    std::set<fs::path> before = packages();
    Result r = run(brobyg("run --job=fravaer --once"));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("status=" + expectStatus), std::string::npos) << r.out;
    std::set<fs::path> after = packages();
    std::vector<fs::path> added;
    for (const fs::path& p : after)
      if (before.count(p) == 0) added.push_back(p);
    if (added.empty()) return {};
    EXPECT_EQ(added.size(), 1u);
    const fs::path opened = dir / ("opened-" + label);
    openWithOpenssl(added[0], dir / "keys", "vive", opened);
    for (const char* dataset : {"absence_summary", "person_period", "absence_aggregate"})
      if (fs::exists(opened / (std::string(dataset) + ".xml")))
        mustRun("xmllint --noout --schema " + kSchemas + "/" + dataset + ".xsd " +
                quote(opened / (std::string(dataset) + ".xml")));
    return opened;
  }

  std::set<fs::path> packages() const {
    std::set<fs::path> files;
    if (fs::exists(dir / "drop"))
      for (const auto& e : fs::directory_iterator(dir / "drop")) files.insert(e.path());
    return files;
  }

  // The store's committed file: its size says how many records it holds.
  std::vector<fs::path> storeFiles() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir / "state/summary/fravaer"))
      files.push_back(e.path());
    return files;
  }
};

// The package's rows of `dataset` (absence_summary unless said), as column name → value.
std::vector<std::map<std::string, std::string>> summaryRows(
    const fs::path& opened, const std::string& dataset = "absence_summary") {
  const auto csv = readCsv(opened / (dataset + ".csv"));
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < csv[0].size(); ++c) row[csv[0][c]] = csv[i][c];
    rows.push_back(row);
  }
  return rows;
}

// Every row of `opened` for quarter 3 and for the school year 2026/27 against the naive count;
// returns the persons it holds.
std::set<std::string> checkRows(const SummaryInstallation& inst, const fs::path& opened,
                                const std::vector<Enrolment>& enrolments,
                                const std::vector<Absence>& absences) {
  std::map<std::string, std::string> cprOf;
  for (const auto& [cpr, pseudonym] : inst.pseudonymOf) cprOf[pseudonym] = cpr;
  std::set<std::string> persons;
  // person → schools with a row, for each of the two periods
  std::map<std::string, std::set<std::string>> q3Schools, yearSchools;
  for (const auto& row : summaryRows(opened)) {
    persons.insert(row.at("person"));
    const bool quarter = row.at("period") == "2026Q3";
    if (!quarter && row.at("period") != "2026/27") continue;
    SCOPED_TRACE(row.at("person") + " " + row.at("school") + " " + row.at("period"));
    EXPECT_EQ(row.at("period_kind"), quarter ? "quarter" : "school_year");
    EXPECT_EQ(row.at("period_start"), quarter ? "2026-07-01" : "2026-08-01");
    EXPECT_EQ(row.at("period_end"), quarter ? "2026-09-30" : "2027-07-31");
    EXPECT_EQ(row.at("unit"), "day");
    EXPECT_EQ(row.at("municipality"), "101");
    if (cprOf.count(row.at("person")) != 1) {
      ADD_FAILURE() << "a pseudonym of no pupil";
      continue;
    }
    const std::string& cpr = cprOf.at(row.at("person"));
    (quarter ? q3Schools : yearSchools)[row.at("person")].insert(row.at("school"));
    const auto expected = quarter
                              ? naive(cpr, enrolments, absences, kQ3First, kQ3Last)
                              : naive(cpr, enrolments, absences, kSchoolYearFirst, kSchoolYearLast);
    if (expected.count(row.at("school")) != 1) {
      ADD_FAILURE() << "a row for a school the pupil was not enrolled at";
      continue;
    }
    const Expected& x = expected.at(row.at("school"));
    expectCounts(row, x);
    if (quarter) {
      expectQuarterFlags(row, x);
      EXPECT_EQ(row.at("high_total"), "");
    } else {
      EXPECT_EQ(row.at("unauth_warn"), "");
      EXPECT_EQ(row.at("unauth_notify"), "");
      EXPECT_EQ(row.at("high_total"), x.total() * 10 > x.planned ? "yes" : "no");
    }
  }
  // Each person of the package has a row for each period at every school they were enrolled at.
  for (const std::string& person : persons) {
    if (cprOf.count(person) != 1) continue;
    const std::string& cpr = cprOf.at(person);
    EXPECT_EQ(q3Schools[person].size(), naive(cpr, enrolments, absences, kQ3First, kQ3Last).size())
        << person;
    EXPECT_EQ(yearSchools[person].size(),
              naive(cpr, enrolments, absences, kSchoolYearFirst, kSchoolYearLast).size())
        << person;
  }
  return persons;
}

}  // namespace

TEST(AbsenceSummary, IncrementalRunsSummariseEveryAbsenceOfTheQuarterOnce) {
  SummaryInstallation inst("summary");
  const auto [enrolments, first] = inst.writeFirstExports();

  // Run 1: every pupil, all absences so far.
  const fs::path one = inst.runAndOpen("1");
  ASSERT_FALSE(one.empty());
  const std::set<std::string> persons1 = checkRows(inst, one, enrolments, first);
  EXPECT_EQ(persons1.size(), inst.pupils.size());
  const auto rows1 = summaryRows(one);
  EXPECT_TRUE(std::any_of(rows1.begin(), rows1.end(), [](const auto& row) {
    return row.at("unauth_notify") == "yes";
  })) << "the data should reach the notification threshold somewhere";
  EXPECT_TRUE(std::any_of(rows1.begin(), rows1.end(), [](const auto& row) {
    return row.at("period") == "2026/27" && row.at("high_total") != "";
  }));

  // Run 2: a third of the pupils have more absences in the quarter run 1 summarised.
  std::vector<Absence> second = absencesOf(inst.pupils, 1, true);
  std::erase_if(second, [](const Absence& a) { return a.day == Ymd{2026, 10, 13}; });
  writeAbsences(inst.dir / "absence/fravaer_2.csv", second);
  const fs::path two = inst.runAndOpen("2");
  ASSERT_FALSE(two.empty());
  std::vector<Absence> both = first;
  both.insert(both.end(), second.begin(), second.end());
  const std::set<std::string> persons2 = checkRows(inst, two, enrolments, both);
  std::set<std::string> expectedPersons;
  for (std::size_t i = 0; i < inst.pupils.size(); i += 3)
    expectedPersons.insert(inst.pseudonymOf.at(inst.pupils[i].cpr));
  EXPECT_EQ(persons2, expectedPersons) << "only pupils with new absences get new rows";

  const auto files = inst.storeFiles();
  ASSERT_EQ(files.size(), 1u) << "one committed generation";
  const std::uintmax_t storeSize = fs::file_size(files[0]);
  EXPECT_EQ(storeSize, 16u + 40u * (enrolments.size() + both.size()));

  // Run 3: the first export offered again under another name. Nothing new is delivered,
  // nothing is summarised, and the store does not grow.
  fs::copy_file(inst.dir / "absence/fravaer_1.csv", inst.dir / "absence/fravaer_1_igen.csv");
  EXPECT_TRUE(inst.runAndOpen("3", "nothing-new").empty());
  ASSERT_EQ(inst.storeFiles().size(), 1u);
  EXPECT_EQ(fs::file_size(inst.storeFiles()[0]), storeSize);

  // Run 4: one more absence of the second pupil in the quarter: counted with all the others,
  // none twice.
  const Pupil& p = inst.pupils[1];
  std::vector<Absence> fourth = {{p.cpr, p.school, p.grade, {2026, 9, 30}, "sick"}};
  writeAbsences(inst.dir / "absence/fravaer_4.csv", fourth);
  const fs::path four = inst.runAndOpen("4");
  ASSERT_FALSE(four.empty());
  both.insert(both.end(), fourth.begin(), fourth.end());
  EXPECT_EQ(checkRows(inst, four, enrolments, both),
            std::set<std::string>{inst.pseudonymOf.at(p.cpr)});

  // Run 5: the school system exports the third pupil's enrolment again, now ended on
  // 15 September, with one more absence: the quarter and the school year count the school
  // days up to the end only, not those of the open record delivered in run 1.
  const Pupil& q = inst.pupils[2];
  std::vector<Enrolment> ended = enrolments;
  for (Enrolment& e : ended)
    if (e.cpr == q.cpr) e.to = Ymd{2026, 9, 15};
  writeEnrolments(inst.dir / "enrolment/elever_5.csv",
                  {{q.cpr, q.school, q.grade, kYearFirst, Ymd{2026, 9, 15}}});
  const std::vector<Absence> fifth = {{q.cpr, q.school, q.grade, {2026, 9, 10}, "unauthorised"}};
  writeAbsences(inst.dir / "absence/fravaer_5.csv", fifth);
  const fs::path five = inst.runAndOpen("5");
  ASSERT_FALSE(five.empty());
  both.insert(both.end(), fifth.begin(), fifth.end());
  EXPECT_EQ(checkRows(inst, five, ended, both), std::set<std::string>{inst.pseudonymOf.at(q.cpr)});
  fs::remove_all(inst.dir);
}

// A crash after the store's next generation is durable but before the commit: the next run
// delivers the same rows once, and the store holds them once.
class SummaryCrashAt : public ::testing::TestWithParam<std::string> {};

TEST_P(SummaryCrashAt, TheNextRunDeliversOnceAndTheStoreCountsOnce) {
  SummaryInstallation inst("summary-crash-" + GetParam());
  const auto [enrolments, absences] = inst.writeFirstExports();

  Result crashed =
      run("BROBYG_TEST_CRASH_AT=" + GetParam() + " " + inst.brobyg("run --job=fravaer --once"));
  ASSERT_EQ(crashed.exitCode, 86) << crashed.out;
  EXPECT_TRUE(inst.packages().empty());

  const fs::path opened = inst.runAndOpen("again");
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(checkRows(inst, opened, enrolments, absences).size(), inst.pupils.size());
  const auto files = inst.storeFiles();
  ASSERT_EQ(files.size(), 1u) << "the crashed run's generation is gone";
  EXPECT_EQ(fs::file_size(files[0]), 16u + 40u * (enrolments.size() + absences.size()));
  EXPECT_TRUE(inst.runAndOpen("third", "nothing-new").empty());
  EXPECT_EQ(inst.packages().size(), 1u);
  fs::remove_all(inst.dir);
}

INSTANTIATE_TEST_SUITE_P(BeforeTheCommit, SummaryCrashAt,
                         ::testing::Values("summary-written", "package-staged"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// --- person_period -------------------------------------------------------------------------

namespace {

struct CaseMeasure {
  std::string cpr, basis, placement;
  Ymd from;
  std::optional<Ymd> to;
  int kind;  // as the test reads the basis: 0 neither, 1 preventive, 2 care
  std::string placementCode;
};

void writeMeasures(const fs::path& file, const std::vector<CaseMeasure>& measures) {
  std::ofstream out(file);
  out << "cpr;kommune;paragraf;anbringelse;fra;til\n";
  for (const CaseMeasure& m : measures)
    out << m.cpr << ";0101;" << m.basis << ";" << m.placement << ";" << iso(m.from) << ";"
        << (m.to ? iso(*m.to) : "") << "\n";
}

Ymd today() {
  const std::time_t now = std::time(nullptr);
  const std::tm local = *std::localtime(&now);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// The naive care and preventive days of `cpr` from `first` to `last` (and not after `until`),
// and the placement with most care days (ties: the later start).
struct ExpectedCare {
  long care = 0, preventive = 0;
  std::string placement;
};
ExpectedCare naiveCare(const std::string& cpr, const std::vector<CaseMeasure>& measures, Ymd first,
                       Ymd last, Ymd until) {
  ExpectedCare x;
  std::map<std::string, std::pair<long, Ymd>> byPlacement;  // days, latest start
  for (Ymd t = first; !(last < t) && !(until < t); t = next(t)) {
    bool care = false, preventive = false;
    std::set<std::string> placements;
    for (const CaseMeasure& m : measures) {
      if (m.cpr != cpr || t < m.from || (m.to && *m.to < t)) continue;
      care |= m.kind == 2;
      preventive |= m.kind == 1;
      if (m.kind == 2) placements.insert(m.placementCode);
    }
    x.care += care;
    x.preventive += preventive;
    for (const std::string& p : placements) ++byPlacement[p].first;
  }
  for (const CaseMeasure& m : measures)
    if (m.cpr == cpr && m.kind == 2 && byPlacement.count(m.placementCode) &&
        byPlacement[m.placementCode].second < m.from)
      byPlacement[m.placementCode].second = m.from;
  std::pair<long, Ymd> best{0, {0, 0, 0}};
  for (const auto& [code, daysAndStart] : byPlacement)
    if (daysAndStart > best) {
      best = daysAndStart;
      x.placement = code;
    }
  return x;
}

// Every 2026Q3 row of person_period against the naive figures; returns the persons it holds.
std::set<std::string> checkPeriodRows(const SummaryInstallation& inst, const fs::path& opened,
                                      const std::vector<Enrolment>& enrolments,
                                      const std::vector<Absence>& absences,
                                      const std::vector<CaseMeasure>& measures) {
  std::map<std::string, std::string> cprOf;
  for (const auto& [cpr, pseudonym] : inst.pseudonymOf) cprOf[pseudonym] = cpr;
  std::set<std::string> persons, withQ3;
  const Ymd until = today();
  for (const auto& row : summaryRows(opened, "person_period")) {
    persons.insert(row.at("person"));
    SCOPED_TRACE(row.at("person") + " " + row.at("period"));
    if (cprOf.count(row.at("person")) != 1) {
      ADD_FAILURE() << "a pseudonym of no child";
      continue;
    }
    const std::string& cpr = cprOf.at(row.at("person"));
    if (row.at("period") == "2026Q4") {
      const ExpectedCare x = naiveCare(cpr, measures, {2026, 10, 1}, {2026, 12, 31}, until);
      EXPECT_EQ(row.at("care_days"), std::to_string(x.care)) << "counted up to the run's day";
      continue;
    }
    if (row.at("period") != "2026Q3") continue;
    withQ3.insert(row.at("person"));
    EXPECT_EQ(row.at("period_start"), "2026-07-01");
    EXPECT_EQ(row.at("period_end"), "2026-09-30");
    EXPECT_EQ(row.at("unit"), "day");
    EXPECT_EQ(row.at("municipality"), "101");
    Expected school;  // summed over the schools
    for (const auto& [name, x] : naive(cpr, enrolments, absences, kQ3First, kQ3Last)) {
      school.planned += x.planned;
      for (const auto& [category, n] : x.absent) school.absent[category] += n;
    }
    expectCounts(row, school);
    expectQuarterFlags(row, school);
    const ExpectedCare x = naiveCare(cpr, measures, kQ3First, kQ3Last, until);
    EXPECT_EQ(row.at("care_days"), std::to_string(x.care));
    EXPECT_EQ(row.at("in_care"), x.care > 0 ? "yes" : "no");
    EXPECT_EQ(row.at("placement"), x.placement);
    EXPECT_EQ(row.at("preventive_days"), std::to_string(x.preventive));
    EXPECT_EQ(row.at("preventive"), x.preventive > 0 ? "yes" : "no");
  }
  EXPECT_EQ(withQ3, persons) << "every child of the package has its 2026Q3 row";
  return persons;
}

}  // namespace

TEST(PersonPeriod, QuartersJoinTheChildsAbsenceWithTheMeasuresActiveInThem) {
  ASSERT_TRUE((Ymd{2026, 10, 1} < today())) << "the test's quarter must be in the past";
  SummaryInstallation inst("person-period", Ships::SummaryAndCases);
  const auto [enrolments, absences] = inst.writeFirstExports();
  auto cpr = [&](std::size_t i) { return inst.pupils[i].cpr; };
  // Both laws, as case systems write them; pupil 0 moves from a foster family to an
  // institution (still placed), pupil 0 also changed school on 1 September.
  std::vector<CaseMeasure> measures{
      {cpr(0),
       "SEL § 52, stk. 3, nr. 7",
       "Plejefamilie",
       {2026, 8, 20},
       Ymd{2026, 9, 15},
       2,
       "foster_family"},
      {cpr(0), "BL § 46", "Døgninstitution", {2026, 9, 16}, std::nullopt, 2, "residential_home"},
      {cpr(1), "SEL § 52, stk. 3, nr. 3", "", {2026, 7, 1}, Ymd{2026, 8, 31}, 1, ""},
      {cpr(2), "Barnets lov § 20", "", {2026, 9, 1}, Ymd{2026, 9, 30}, 0, ""},
      {cpr(3), "paragraf ukendt", "", {2026, 8, 1}, Ymd{2026, 9, 30}, 0, ""},
      {cpr(4), "BL §32 stk 1 nr 3", "", {2026, 9, 25}, Ymd{2026, 10, 5}, 1, ""},
      {cpr(4), "SEL § 58", "Opholdssted", {2026, 9, 28}, Ymd{2026, 9, 30}, 2, "residential_home"}};
  writeMeasures(inst.dir / "cases/sager_1.csv", measures);

  const fs::path one = inst.runAndOpen("1");
  ASSERT_FALSE(one.empty());
  const std::set<std::string> persons = checkPeriodRows(inst, one, enrolments, absences, measures);
  EXPECT_EQ(persons.size(), inst.pupils.size());
  const auto rows = summaryRows(one, "person_period");
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                          [](const auto& r) {
                            return r.at("period") == "2026Q3" && r.at("in_care") == "yes";
                          }),
            2)
      << "pupils 0 and 4";

  // Run 2: a new measure of pupil 5 only: only pupil 5 gets new rows, with the absences of the
  // first run counted.
  const std::vector<CaseMeasure> more{{cpr(5),
                                       "SEL § 52, stk. 3, nr. 7",
                                       "Kostskole",
                                       {2026, 9, 1},
                                       Ymd{2026, 9, 10},
                                       2,
                                       "boarding_school"}};
  writeMeasures(inst.dir / "cases/sager_2.csv", more);
  const fs::path two = inst.runAndOpen("2");
  ASSERT_FALSE(two.empty());
  std::vector<CaseMeasure> all = measures;
  all.insert(all.end(), more.begin(), more.end());
  EXPECT_EQ(checkPeriodRows(inst, two, enrolments, absences, all),
            std::set<std::string>{inst.pseudonymOf.at(cpr(5))});
  ASSERT_EQ(inst.storeFiles().size(), 1u);
  EXPECT_EQ(fs::file_size(inst.storeFiles()[0]),
            16u + 40u * (enrolments.size() + absences.size() + all.size()));
  fs::remove_all(inst.dir);
}

// --- absence_aggregate ---------------------------------------------------------------------

namespace {

constexpr long kK = 5;  // the job's <risk k>, by default
const char* const kAggregateCounts[] = {"pupils",     "unauth_warn",  "unauth_notify",
                                        "high_total", "planned",      "sick",
                                        "authorised", "unauthorised", "unknown"};

// One cell's figures, counted naively: by pupil, then summed (margins as sums of cells).
using Figures = std::map<std::string, long>;

long of(const Figures& f, const std::string& name) {
  auto it = f.find(name);
  return it == f.end() ? 0L : it->second;
}

Figures& operator+=(Figures& a, const Figures& b) {
  for (const auto& [name, value] : b) a[name] += value;
  return a;
}

// (school, grade) → figures of the period from `first` to `last`, every pupil counted.
std::map<std::pair<std::string, std::string>, Figures> naiveCells(
    const SummaryInstallation& inst, const std::vector<Enrolment>& enrolments,
    const std::vector<Absence>& absences, Ymd first, Ymd last, bool quarter) {
  std::map<std::pair<std::string, std::string>, Figures> cells;
  for (const Pupil& p : inst.pupils)
    for (const auto& [school, x] : naive(p.cpr, enrolments, absences, first, last)) {
      if (x.planned == 0) continue;
      Figures f{{"pupils", 1}, {"planned", x.planned}};
      for (const char* c : {"sick", "authorised", "unauthorised", "unknown"}) f[c] = x.count(c);
      const long unauthorised = x.count("unauthorised");
      f["unauth_warn"] = quarter && unauthorised * 10 >= x.planned;
      f["unauth_notify"] = quarter && unauthorised * 100 >= 15 * x.planned;
      f["high_total"] = !quarter && x.total() * 10 > x.planned;
      cells[{school, p.grade}] += f;
    }
  return cells;
}

// The package's absence_aggregate rows of one period against the naive count: every cell and
// margin is there, every value shipped is the naive one, none is a count of 1 to k-1 children,
// an empty value is named in `suppressed`, and no row or column of the table has exactly one
// suppressed value (it would be its total minus the others).
void checkAggregate(const SummaryInstallation& inst, const fs::path& opened,
                    const std::vector<Enrolment>& enrolments, const std::vector<Absence>& absences,
                    const std::string& period) {
  SCOPED_TRACE(period);
  const bool quarter = period == "2026Q3";
  const auto cells =
      quarter ? naiveCells(inst, enrolments, absences, kQ3First, kQ3Last, true)
              : naiveCells(inst, enrolments, absences, kSchoolYearFirst, kSchoolYearLast, false);
  std::set<std::string> schools{"*"}, grades{"*"};
  std::map<std::pair<std::string, std::string>, Figures> expected;  // "*": the total
  for (const auto& [cell, f] : cells) {
    schools.insert(cell.first);
    grades.insert(cell.second);
    for (const std::string& school : {cell.first, std::string("*")})
      for (const std::string& grade : {cell.second, std::string("*")})
        expected[{school, grade}] += f;
  }
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> shipped;
  for (const auto& row : summaryRows(opened, "absence_aggregate")) {
    if (row.at("period") != period) continue;
    EXPECT_EQ(row.at("municipality"), "101");
    EXPECT_EQ(row.at("unit"), "day");
    const std::string school = row.at("school").empty() ? "*" : row.at("school");
    const std::string grade = row.at("grade").empty() ? "*" : row.at("grade");
    const char* level = school == "*" ? (grade == "*" ? "municipality" : "grade")
                                      : (grade == "*" ? "school" : "school_grade");
    EXPECT_EQ(row.at("level"), level);
    EXPECT_TRUE(shipped.emplace(std::pair{school, grade}, row).second) << "a cell twice";
  }
  ASSERT_EQ(shipped.size(), schools.size() * grades.size()) << "every cell and margin, once";
  std::map<std::string, int> suppressedInRow, suppressedInColumn;  // by column name and line
  for (const auto& [key, row] : shipped) {
    SCOPED_TRACE(key.first + "/" + key.second);
    const Figures& x = expected[key];  // a school without a grade: zeros
    const std::string suppressed = " " + row.at("suppressed") + " ";
    for (const char* column : kAggregateCounts) {
      const bool otherKind = quarter ? std::string(column) == "high_total"
                                     : std::string(column).rfind("unauth_", 0) == 0;
      const std::string& value = row.at(column);
      const bool named = suppressed.find(" " + std::string(column) + " ") != std::string::npos;
      if (otherKind) {
        EXPECT_EQ(value, "") << column;
        EXPECT_FALSE(named) << column;
        continue;
      }
      if (value.empty()) {
        EXPECT_TRUE(named) << column << " is empty but not named suppressed";
        ++suppressedInRow[std::string(column) + "|" + key.first];
        ++suppressedInColumn[std::string(column) + "|" + key.second];
        continue;
      }
      EXPECT_FALSE(named) << column;
      const long count = std::stol(value);
      EXPECT_EQ(count, of(x, column)) << column;
      if (std::string(column) == "pupils" || std::string(column).find('_') != std::string::npos) {
        EXPECT_FALSE(count > 0 && count < kK) << column << " ships a count below k";
      }
    }
    if (!row.at("unauthorised_rate").empty()) {
      EXPECT_EQ(row.at("unauthorised_rate"), percent(of(x, "unauthorised"), of(x, "planned")));
    }
  }
  for (const auto& lines : {suppressedInRow, suppressedInColumn})
    for (const auto& [line, count] : lines)
      EXPECT_NE(count, 1) << line << ": one suppressed value is its line's total minus the rest";
}

}  // namespace

TEST(AbsenceAggregate, AnAggregatesOnlyJobShipsSuppressedTablesOfEveryPupilAndNoRowOfOne) {
  SummaryInstallation inst("aggregate", Ships::AggregatesOnly);
  const auto [enrolments, first] = inst.writeFirstExports();

  const fs::path one = inst.runAndOpen("1");
  ASSERT_FALSE(one.empty());
  for (const char* rowLevel : {"absence_event", "enrolment", "absence_summary"})
    for (const char* format : {".csv", ".xml"})
      EXPECT_FALSE(fs::exists(one / (std::string(rowLevel) + format))) << rowLevel;
  const std::string manifest = readAll(one / "manifest.xml");
  EXPECT_EQ(manifest.find("absence_event.csv"), std::string::npos);
  EXPECT_NE(manifest.find("absence_aggregate.csv"), std::string::npos);
  for (const Pupil& p : inst.pupils)
    EXPECT_EQ(readAll(one / "absence_aggregate.csv").find(inst.pseudonymOf.at(p.cpr)),
              std::string::npos);
  checkAggregate(inst, one, enrolments, first, "2026Q3");
  checkAggregate(inst, one, enrolments, first, "2026/27");
  const auto rows1 = summaryRows(one, "absence_aggregate");
  EXPECT_TRUE(std::any_of(rows1.begin(), rows1.end(), [](const auto& row) {
    return !row.at("suppressed").empty();
  })) << "24 pupils over two schools and several grades: some cells are below k";
  EXPECT_TRUE(std::any_of(rows1.begin(), rows1.end(), [](const auto& row) {
    return row.at("level") == "municipality" && row.at("pupils") == "25";
  })) << "24 pupils, one counted at two schools";
  // The risk report has no row-level dataset, and says what suppression took.
  mustRun("xmllint --noout --schema " + kSchemas + "/risk_report.xsd " +
          quote(one / "risk_report.xml"));
  const std::string report = readAll(one / "risk_report.xml");
  EXPECT_EQ(report.find("<dataset "), std::string::npos);
  std::size_t suppressed = 0, withSuppression = 0;
  for (const auto& row : rows1) {
    const std::string& names = row.at("suppressed");
    if (names.empty()) continue;
    ++withSuppression;
    suppressed += 1 + static_cast<std::size_t>(std::count(names.begin(), names.end(), ' '));
  }
  EXPECT_NE(report.find("<aggregate name=\"absence_aggregate\" rows=\"" +
                        std::to_string(rows1.size()) + "\""),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("suppressed=\"" + std::to_string(suppressed) + "\" rowsWithSuppression=\"" +
                        std::to_string(withSuppression) + "\""),
            std::string::npos)
      << report;
  const auto reportCsv = readCsv(one / "risk_report.csv");
  ASSERT_EQ(reportCsv.size(), 2u) << "the header and the aggregate's line";
  EXPECT_EQ(reportCsv[0].back(), "values_suppressed");
  EXPECT_EQ(reportCsv[1].front(), "absence_aggregate");
  EXPECT_EQ(reportCsv[1].back(), std::to_string(suppressed));

  // Run 2: a third of the pupils have more absences in the quarter: the tables of the quarter
  // and the school year count every pupil again, not only those with news.
  std::vector<Absence> second = absencesOf(inst.pupils, 1, true);
  std::erase_if(second, [](const Absence& a) { return a.day == Ymd{2026, 10, 13}; });
  writeAbsences(inst.dir / "absence/fravaer_2.csv", second);
  const fs::path two = inst.runAndOpen("2");
  ASSERT_FALSE(two.empty());
  std::vector<Absence> both = first;
  both.insert(both.end(), second.begin(), second.end());
  checkAggregate(inst, two, enrolments, both, "2026Q3");
  checkAggregate(inst, two, enrolments, both, "2026/27");

  // Run 3: nothing new, no package.
  EXPECT_TRUE(inst.runAndOpen("3", "nothing-new").empty());
  fs::remove_all(inst.dir);
}

// A crash after the aggregate tables are written but before the commit: the next run counts
// every pupil once, as if the crashed run had not been.
TEST(AbsenceAggregate, ACrashBeforeTheCommitLeavesTheNextRunsTablesRight) {
  SummaryInstallation inst("aggregate-crash", Ships::AggregatesOnly);
  const auto [enrolments, absences] = inst.writeFirstExports();
  Result crashed =
      run("BROBYG_TEST_CRASH_AT=summary-written " + inst.brobyg("run --job=fravaer --once"));
  ASSERT_EQ(crashed.exitCode, 86) << crashed.out;
  EXPECT_TRUE(inst.packages().empty());

  const fs::path opened = inst.runAndOpen("again");
  ASSERT_FALSE(opened.empty());
  checkAggregate(inst, opened, enrolments, absences, "2026Q3");
  ASSERT_EQ(inst.storeFiles().size(), 1u) << "the crashed run's generation is gone";
  EXPECT_EQ(fs::file_size(inst.storeFiles()[0]), 16u + 40u * (enrolments.size() + absences.size()));
  EXPECT_TRUE(inst.runAndOpen("third", "nothing-new").empty());
  EXPECT_EQ(inst.packages().size(), 1u);
  fs::remove_all(inst.dir);
}
