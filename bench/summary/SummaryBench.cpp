// absence_summary over a national year: `events` absences of `pupils` pupils (default 10 M and
// 700 k), each pupil enrolled for the school year 2026/27 (one in twenty changes school in
// November), handed to the real summarise stage as the derive stage would, then the stage's
// run: the kept records into the store, one merge pass, summarisePupil per pupil, the rows
// written as CSV. Prints the time of each phase and the peak resident memory.
// `brobyg-summary-bench EVENTS PUPILS person_period` ships person_period too, with a measure
// for one child in ten (placements and preventive measures, some still running).
//
// Not measured here: reading, normalising and pseudonymising the absence rows (bench/run.sh).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "config/Config.h"
#include "dataset/DatasetSpec.h"
#include "pipeline/stages/Summarise.h"
#include "pipeline/stages/Write.h"
#include "pseudo/Base32.h"
#include "state/StateStore.h"
#include "summary/SummaryRecord.h"

namespace fs = std::filesystem;
using namespace brobyg;

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string pseudonymOf(std::uint64_t pupil) {
  unsigned char bytes[16];
  std::uint64_t x = pupil * 0x9e3779b97f4a7c15ull + 12345;
  for (int i = 0; i < 16; ++i) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    bytes[i] = static_cast<unsigned char>(x >> 56);
  }
  return pseudo::encodeBase32(bytes, 16);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000000;
  const std::uint64_t pupils = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 700000;
  const fs::path dir =
      fs::temp_directory_path() / ("brobyg-summary-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "work");

  config::Config config;
  config.producer.municipality = "101";
  config::SchoolCalendarConfig calendar;
  calendar.spec.municipality = "101";
  const calendar::Day first = summary::dayFromIso("2026-08-10", "first");
  const calendar::Day last = summary::dayFromIso("2027-06-25", "last");
  calendar.spec.schoolYears = {{first, last}};
  calendar.spec.holidays = {
      {summary::dayFromIso("2026-10-12", "h"), summary::dayFromIso("2026-10-16", "h")},
      {summary::dayFromIso("2026-12-21", "h"), summary::dayFromIso("2027-01-01", "h")}};
  config.schoolCalendars.push_back(calendar);
  config::JobConfig job;
  job.id = "bench";
  const bool periods = argc > 3 && std::string(argv[3]) == "person_period";
  for (const char* name : {"absence_summary", "person_period"}) {
    if (!periods && std::string(name) == "person_period") continue;
    config::JobDatasetConfig entry;
    entry.dataset = name;
    job.datasets.push_back(entry);
  }

  state::StateStore store((dir / "brobyg.db").string());
  const long runId = store.beginRun("bench");
  pipeline::Summarise stage(config, job, dir / "summary/bench", runId, dir / "work",
                            pseudo::Date{2027, 7, 31});
  stage.open(store);
  // The inputs' outputs write no files here: their rows are measured by bench/run.sh.
  pipeline::DatasetOutputs inputs(std::vector<std::string>{}, dir / "work");
  pipeline::DatasetOutputs outputs(std::vector<std::string>{"csv"}, dir / "work");
  pipeline::DatasetOutput& enrolments = inputs.of(dataset::enrolment());
  pipeline::DatasetOutput& absences = inputs.of(dataset::absenceEvent());
  pipeline::DatasetOutput& measures = inputs.of(dataset::caseMeasure());

  const auto tapStart = std::chrono::steady_clock::now();
  std::vector<std::string_view> columns;
  // enrolment: person,birth_month,sex,age,municipality,school,grade,start,end,source
  std::uint64_t enrolmentRows = 0;
  for (std::uint64_t p = 0; p < pupils; ++p) {
    const std::string person = pseudonymOf(p);
    const std::string school = std::to_string(280000 + p % 1500);
    const std::string grade = std::to_string(p % 10);
    const bool moves = p % 20 == 0;
    columns = {person,  "2015-03",    "female",
               "10",    "101",        school,
               grade,   "2026-08-10", moves ? "2026-11-15" : "",
               "elever"};
    stage.written(enrolments, columns, enrolmentRows++);
    if (moves) {
      const std::string other = std::to_string(280000 + (p + 7) % 1500);
      columns = {person, "2015-03", "female",     "10", "101",
                 other,  grade,     "2026-11-16", "",   "elever"};
      stage.written(enrolments, columns, enrolmentRows++);
    }
  }
  // case_measure: person,birth_month,sex,age,municipality,legal_basis_recorded,legal_basis,
  // kind,placement_recorded,placement,start,end,source
  std::uint64_t measureRows = 0;
  for (std::uint64_t p = 0; periods && p < pupils; p += 10) {
    const std::string person = pseudonymOf(p);
    const bool placed = p % 20 == 0;
    columns = {person,
               "2015-03",
               "female",
               "10",
               "101",
               placed ? "SEL 52.3.7" : "BL 32.1.3",
               placed ? "SEL-52-3-7" : "BL-32-1-3",
               placed ? "placement_consent" : "support",
               placed ? "Plejefamilie" : "",
               placed ? "foster_family" : "",
               p % 40 == 0 ? "2024-03-01" : "2026-09-01",
               p % 30 == 0 ? "" : "2027-02-28",
               "sager"};
    stage.written(measures, columns, measureRows++);
  }
  std::vector<calendar::Day> schoolDays;
  calendar::SchoolCalendar cal(calendar.spec);
  for (calendar::Day d = first; d <= last; ++d)
    if (cal.isSchoolDay(d)) schoolDays.push_back(d);
  std::vector<std::string> dayText;
  for (calendar::Day d : schoolDays) dayText.push_back(summary::isoFromDay(d));
  static const char* kCategories[] = {"sick", "sick", "authorised", "unauthorised", "unknown"};
  std::mt19937_64 random(7);
  // absence_event:
  // person,birth_month,sex,age,municipality,school,grade,date,unit,lesson,category,source
  for (std::uint64_t e = 0; e < events; ++e) {
    const std::uint64_t p = random() % pupils;
    const std::string person = pseudonymOf(p);
    const std::string school = std::to_string(280000 + p % 1500);
    const std::string grade = std::to_string(p % 10);
    columns = {person,
               "2015-03",
               "female",
               "10",
               "101",
               school,
               grade,
               dayText[random() % dayText.size()],
               "day",
               "",
               kCategories[random() % 5],
               "skole"};
    stage.written(absences, columns, e);
  }
  inputs.finish();
  const double tapSeconds = seconds(tapStart);
  const long tapRss = peakRssMiB();

  const auto runStart = std::chrono::steady_clock::now();
  const std::uint64_t rows = stage.run(outputs);
  const double runSeconds = seconds(runStart);
  std::printf("events %llu, pupils %llu, enrolments %llu, measures %llu\n",
              static_cast<unsigned long long>(events), static_cast<unsigned long long>(pupils),
              static_cast<unsigned long long>(enrolmentRows),
              static_cast<unsigned long long>(measureRows));
  std::printf("tap (rows to records, scratch files): %.2f s, peak RSS %ld MiB\n", tapSeconds,
              tapRss);
  std::printf("run (store, merge, summarise, CSV): %.2f s, %llu rows, store %llu bytes\n",
              runSeconds, static_cast<unsigned long long>(rows),
              static_cast<unsigned long long>(stage.generation() ? stage.generation()->bytes : 0));
  std::printf("peak RSS %ld MiB\n", peakRssMiB());
  fs::remove_all(dir);
  return 0;
}
