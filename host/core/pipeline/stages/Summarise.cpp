#include "pipeline/stages/Summarise.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "dataset/DatasetSpec.h"
#include "state/GenerationFile.h"
#include "util/CrashPoint.h"
#include "util/Error.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

// The municipality of `school` as the pupil's enrolments say (the last one naming it).
std::string municipalityOfSchool(
    const std::vector<std::pair<std::string, std::string>>& municipalityOf,
    const std::string& school) {
  std::string municipality;
  for (const auto& known : municipalityOf)
    if (known.first == school) municipality = known.second;
  return municipality;
}

calendar::SchoolCalendar calendarOf(const config::Config& config) {
  const config::SchoolCalendarConfig* found =
      config::findSchoolCalendar(config, config.producer.municipality);
  // The configuration loader refused a job with absence_summary or person_period and no calendar.
  if (found == nullptr) throw Error("summarise: no school calendar of the municipality");
  return calendar::SchoolCalendar(found->spec);
}

const char* flag(const std::optional<bool>& value) {
  if (!value) return "";
  return *value ? "yes" : "no";
}

const char* unitText(summary::Unit unit) {
  return unit == summary::Unit::Days ? "day" : "lesson";
}

const char* periodKindText(summary::PeriodKind kind) {
  return kind == summary::PeriodKind::Quarter ? "quarter" : "school_year";
}

// absence_aggregate's level of a table's cell: (row, column) of TwoWayTable's layout.
const char* levelText(const aggregate::SuppressedTable& table, std::size_t row,
                      std::size_t column) {
  const bool school = row < table.schools.size(), grade = column < table.grades.size();
  if (school) return grade ? "school_grade" : "school";
  return grade ? "grade" : "municipality";
}

// The count columns of absence_aggregate, in its column order.
constexpr std::pair<aggregate::Column, const char*> kAggregateCounts[] = {
    {aggregate::Column::Pupils, "pupils"},
    {aggregate::Column::UnauthWarn, "unauth_warn"},
    {aggregate::Column::UnauthNotify, "unauth_notify"},
    {aggregate::Column::HighTotal, "high_total"},
    {aggregate::Column::Planned, "planned"},
    {aggregate::Column::AbsentSick, "sick"},
    {aggregate::Column::AbsentAuthorised, "authorised"},
    {aggregate::Column::AbsentUnauthorised, "unauthorised"},
    {aggregate::Column::AbsentUnknown, "unknown"},
};

// A flag column that does not belong to the period kind is empty, not 0 (as absence_summary's).
bool flagOfOtherKind(aggregate::Column column, summary::PeriodKind kind) {
  using aggregate::Column;
  if (column == Column::UnauthWarn || column == Column::UnauthNotify)
    return kind != summary::PeriodKind::Quarter;
  return column == Column::HighTotal && kind != summary::PeriodKind::SchoolYear;
}

// The values of one cell after `municipality, level, school, grade, period...unit`: the counts,
// the rates and the names of what suppression left empty; what it left empty goes into `tally`.
void appendCell(std::vector<std::string>& values, const aggregate::ShippedCell& cell,
                summary::PeriodKind kind, risk::AggregateRisk& tally) {
  std::string suppressed;
  const auto mark = [&](const char* name) {
    suppressed += (suppressed.empty() ? "" : " ") + std::string(name);
    ++tally.suppressed;
  };
  for (const auto& [column, name] : kAggregateCounts) {
    const aggregate::ShippedValue& value = cell[column];
    if (flagOfOtherKind(column, kind)) {
      values.emplace_back();
      continue;
    }
    ++tally.values;
    if (value.suppressed) mark(name);
    values.push_back(value.suppressed ? "" : std::to_string(value.value));
  }
  for (const auto& [rate, name] : {std::pair{&cell.unauthorisedRate, "unauthorised_rate"},
                                   std::pair{&cell.absenceRate, "absence_rate"}}) {
    ++tally.values;
    if (rate->suppressed) mark(name);
    values.push_back(rate->hundredths && !rate->suppressed ? summary::formatRate(*rate->hundredths)
                                                           : "");
  }
  ++tally.rows;
  if (!suppressed.empty()) ++tally.rowsWithSuppression;
  values.push_back(std::move(suppressed));
}

// person, birth_month, sex: the columns both datasets start with.
std::vector<std::string> personValues(const summary::PupilHistory& pupil) {
  return {summary::pseudonymText(pupil.person), summary::birthMonthText(pupil.birthMonth),
          pupil.male ? "male" : "female"};
}

// planned, the four categories, absent in all and the two rates (empty without planned units):
// the counts both datasets share, in their column order.
void appendCounts(std::vector<std::string>& values, std::int64_t planned,
                  const std::array<std::int64_t, summary::kCategories>& absent) {
  using summary::Category;
  const auto of = [&](Category c) { return absent[static_cast<std::size_t>(c)]; };
  const std::int64_t total = summary::totalOf(absent);
  values.push_back(std::to_string(planned));
  for (Category c :
       {Category::Sick, Category::Authorised, Category::Unauthorised, Category::Unknown})
    values.push_back(std::to_string(of(c)));
  values.push_back(std::to_string(total));
  for (std::int64_t part : {of(Category::Unauthorised), total}) {
    const std::optional<std::int64_t> rate = summary::rateHundredths(part, planned);
    values.push_back(rate ? summary::formatRate(*rate) : "");
  }
}

}  // namespace

// One input dataset's records of this run, record i for the row of ordinal i, until the
// deduplicate stage has decided which rows stay.
struct Summarise::Pending {
  fs::path path;
  OutputFile file;
  const DatasetOutput* output = nullptr;
  std::uint64_t records = 0;

  explicit Pending(fs::path p) : path(std::move(p)), file(path.string()) {}

  void add(const DatasetOutput& from, std::uint64_t ordinal, const summary::StoredRecord& r) {
    if (ordinal != records) throw Error("absence_summary: rows arrived out of order");
    output = &from;
    const summary::EncodedRecord bytes = summary::encodeRecord(r);
    file.write(bytes.data(), bytes.size());
    ++records;
  }

  // Hands the records of the rows kept to `store`.
  void keep(summary::SummaryStore& store) {
    file.close(false);
    if (records == 0) return;
    const std::vector<bool>& dropped = output->dropped();
    state::RecordFileReader in(path.string(), 0, fs::file_size(path), summary::kRecordBytes,
                               state::RecordOrder::Any, "the run's summary records");
    std::uint64_t ordinal = 0;
    summary::EncodedRecord kept;
    for (const unsigned char* record = in.next(); record != nullptr; record = in.next(), ++ordinal)
      if (dropped.empty() || !dropped[ordinal]) {
        std::memcpy(kept.data(), record, summary::kRecordBytes);
        store.add(kept);
      }
    if (ordinal != records)
      throw Error(path.string() + ": cannot read back the run's summary records");
  }
};

Summarise::Summarise(const config::Config& config, const config::JobConfig& job,
                     fs::path storeFolder, long runId, fs::path workFolder,
                     const pseudo::Date& today)
    : calendar_(calendarOf(config)),
      thresholds_(job.summaryThresholds),
      shipsSummary_(job.ships(dataset::absenceSummary().name())),
      shipsPeriods_(job.ships(dataset::personPeriod().name())),
      shipsAggregates_(job.ships(dataset::absenceAggregate().name())),
      k_(static_cast<int>(job.risk.k)),
      job_(job.id),
      storeFolder_(std::move(storeFolder)),
      runId_(runId),
      workFolder_(std::move(workFolder)),
      asOf_(pseudo::toIsoString(today)) {
  today_ = summary::dayOf(today);
  openEnd_ = today_;
  for (const calendar::DayRange& year : calendar_.schoolYears())
    openEnd_ = std::max(openEnd_, year.last);
}

Summarise::~Summarise() = default;

void Summarise::open(state::StateStore& store) {
  // The run's work folder exists (the caller made it) and is removed with the run.
  store_ = std::make_unique<summary::SummaryStore>(
      storeFolder_.string(), runId_,
      store.committedDigests(job_, summary::SummaryStore::kGenerationName),
      (workFolder_ / "summary").string());
  absences_ = std::make_unique<Pending>(workFolder_ / "summary-absences");
  enrolments_ = std::make_unique<Pending>(workFolder_ / "summary-enrolments");
  // Measures are kept only for person_period: absence_summary does not need them.
  if (shipsPeriods_) measures_ = std::make_unique<Pending>(workFolder_ / "summary-measures");
}

void Summarise::written(const DatasetOutput& output, const std::vector<std::string_view>& columns,
                        std::uint64_t ordinal) {
  const dataset::DatasetSpec& spec = output.spec();
  if (&spec == &dataset::absenceEvent())
    absences_->add(output, ordinal, reader_.absence(columns));
  else if (&spec == &dataset::enrolment())
    enrolments_->add(output, ordinal, reader_.enrolment(columns));
  else if (&spec == &dataset::caseMeasure() && measures_)
    measures_->add(output, ordinal, reader_.measure(columns));
}

std::uint64_t Summarise::run(DatasetOutputs& outputs) {
  DatasetOutput* summaryOutput = shipsSummary_ ? &outputs.of(dataset::absenceSummary()) : nullptr;
  DatasetOutput* periodOutput = shipsPeriods_ ? &outputs.of(dataset::personPeriod()) : nullptr;
  DatasetOutput* aggregateOutput =
      shipsAggregates_ ? &outputs.of(dataset::absenceAggregate()) : nullptr;
  for (Pending* pending : {absences_.get(), enrolments_.get(), measures_.get()})
    if (pending != nullptr) pending->keep(*store_);
  store_->merge(
      [&](const summary::PupilHistory& pupil) { summarise(pupil, summaryOutput, periodOutput); },
      shipsAggregates_ ? summary::Handover::EveryPupil : summary::Handover::ChangedPupils);
  if (aggregateOutput != nullptr) writeAggregateRows(*aggregateOutput);
  crashPoint("summary-written");
  std::uint64_t rows = 0;
  for (DatasetOutput* output : {summaryOutput, periodOutput, aggregateOutput})
    if (output != nullptr) {
      output->finish();
      rows += output->rows();
    }
  return rows;
}

void Summarise::summarise(const summary::PupilHistory& pupil, DatasetOutput* summaryOutput,
                          DatasetOutput* periodOutput) {
  std::vector<summary::Enrolment> enrolments;
  std::vector<summary::Absence> absences;
  std::vector<summary::Residence> residences;
  std::vector<summary::Measure> measures;
  std::vector<std::pair<std::string, std::string>> municipalityOf;  // school → kommunekode
  for (const summary::StoredRecord& r : pupil.records) {
    const std::string municipality = summary::municipalityText(r.municipality);
    const calendar::DayRange days{r.day, r.last ? *r.last : openEnd_};
    if (r.kind == summary::RecordKind::Measure) {
      measures.push_back({days, r.measure, r.placement, municipality});
      continue;
    }
    const std::string school = summary::institutionText(r.school);
    if (r.kind == summary::RecordKind::Enrolment) {
      enrolments.push_back({school, r.grade, days});
      residences.push_back({days, municipality});
      municipalityOf.emplace_back(school, municipality);
    } else {
      absences.push_back({r.day, school, r.unit, r.lesson, r.category});
    }
  }
  if (shipsAggregates_) countPupil(enrolments, absences, municipalityOf);
  if (!pupil.hasNew) return;
  calendar::DayRange window = pupil.touched;
  if (pupil.openEnded || window.last > openEnd_) window.last = std::max(window.first, openEnd_);
  runTouched_ = runTouched_ ? calendar::DayRange{std::min(runTouched_->first, window.first),
                                                 std::max(runTouched_->last, window.last)}
                            : window;
  if (summaryOutput == nullptr && periodOutput == nullptr) return;
  const std::vector<summary::SummaryRow> rows = summary::summarisePupil(
      enrolments, absences, calendar_, window, store_->lessons(), thresholds_);
  if (summaryOutput != nullptr) writeSummaryRows(pupil, rows, municipalityOf, *summaryOutput);
  if (periodOutput != nullptr)
    writePeriodRows(pupil,
                    summary::personPeriods(rows, residences, measures, window, today_, thresholds_),
                    *periodOutput);
}

// Every row of the pupil's whole history into the aggregate tables: a table of a period the
// run touches counts every child of that period, not only those with news.
void Summarise::countPupil(const std::vector<summary::Enrolment>& enrolments,
                           const std::vector<summary::Absence>& absences,
                           const std::vector<std::pair<std::string, std::string>>& municipalityOf) {
  if (enrolments.empty()) return;
  calendar::DayRange history{enrolments.front().days.first, openEnd_};
  for (const summary::Enrolment& e : enrolments) {
    history.first = std::min(history.first, e.days.first);
    history.last = std::max(history.last, e.days.last);
  }
  std::vector<aggregate::PupilRow> rows;
  for (summary::SummaryRow& row : summary::summarisePupil(enrolments, absences, calendar_, history,
                                                          store_->lessons(), thresholds_))
    rows.push_back({municipalityOfSchool(municipalityOf, row.school), std::move(row)});
  aggregates_.addPupil(rows);
}

void Summarise::writeSummaryRows(
    const summary::PupilHistory& pupil, const std::vector<summary::SummaryRow>& rows,
    const std::vector<std::pair<std::string, std::string>>& municipalityOf, DatasetOutput& output) {
  std::vector<std::string> values;
  std::vector<std::string_view> columns;
  for (const summary::SummaryRow& row : rows) {
    values = personValues(pupil);
    values.insert(values.end(), {municipalityOfSchool(municipalityOf, row.school), row.school,
                                 std::to_string(row.grade), periodKindText(row.kind),
                                 summary::periodLabel(row.kind, row.period),
                                 summary::isoFromDay(row.period.first),
                                 summary::isoFromDay(row.period.last), unitText(row.unit)});
    appendCounts(values, row.planned, row.absent);
    values.insert(values.end(),
                  {flag(row.unauthWarn), flag(row.unauthNotify), flag(row.highTotal), asOf_});
    columns.assign(values.begin(), values.end());
    output.write(columns);
  }
}

void Summarise::writePeriodRows(const summary::PupilHistory& pupil,
                                const std::vector<summary::PersonPeriodRow>& rows,
                                DatasetOutput& output) {
  std::vector<std::string> values;
  std::vector<std::string_view> columns;
  for (const summary::PersonPeriodRow& row : rows) {
    values = personValues(pupil);
    values.insert(values.end(), {row.municipality,
                                 summary::periodLabel(summary::PeriodKind::Quarter, row.quarter),
                                 summary::isoFromDay(row.quarter.first),
                                 summary::isoFromDay(row.quarter.last), unitText(row.unit)});
    appendCounts(values, row.planned, row.absent);
    values.insert(values.end(), {flag(row.unauthWarn), flag(row.unauthNotify),
                                 row.careDays > 0 ? "yes" : "no", std::to_string(row.careDays),
                                 summary::kPlacementCodes[static_cast<std::size_t>(row.placement)],
                                 row.preventiveDays > 0 ? "yes" : "no",
                                 std::to_string(row.preventiveDays), asOf_});
    columns.assign(values.begin(), values.end());
    output.write(columns);
  }
}

// The tables of the periods the run's new records touch, each counted over every child and
// suppressed as a whole; the other periods' tables did not change.
void Summarise::writeAggregateRows(DatasetOutput& output) {
  if (!runTouched_) return;
  aggregateRisk_ = risk::AggregateRisk{};
  aggregateRisk_->dataset = dataset::absenceAggregate().name();
  std::vector<std::string> values;
  std::vector<std::string_view> columns;
  for (const aggregate::TwoWayTable& counted : aggregates_.tables()) {
    const calendar::DayRange& period = counted.key.period;
    if (period.last < runTouched_->first || period.first > runTouched_->last) continue;
    const aggregate::SuppressedTable table = aggregate::suppress(counted, k_);
    for (std::size_t row = 0; row < table.rows(); ++row)
      for (std::size_t column = 0; column < table.columns(); ++column) {
        const bool school = row < table.schools.size(), grade = column < table.grades.size();
        values = {table.key.municipality,
                  levelText(table, row, column),
                  school ? table.schools[row] : "",
                  grade ? std::to_string(table.grades[column]) : "",
                  periodKindText(table.key.kind),
                  summary::periodLabel(table.key.kind, period),
                  summary::isoFromDay(period.first),
                  summary::isoFromDay(period.last),
                  unitText(table.key.unit)};
        appendCell(values, table.at(row, column), table.key.kind, *aggregateRisk_);
        values.push_back(asOf_);
        columns.assign(values.begin(), values.end());
        output.write(columns);
      }
  }
}

std::optional<state::DigestGeneration> Summarise::generation() const {
  if (!store_) return std::nullopt;
  return store_->written();
}

void Summarise::retire() noexcept {
  if (store_) store_->retire();
}

void Summarise::discard() noexcept {
  if (store_) store_->discard();
}

bool summarises(const config::JobConfig& job) {
  // Every computed dataset is computed here.
  return std::any_of(job.datasets.begin(), job.datasets.end(), [](const auto& entry) {
    const dataset::DatasetSpec* spec = dataset::findDataset(entry.dataset);
    return spec != nullptr && spec->derived();
  });
}

}  // namespace brobyg::pipeline
