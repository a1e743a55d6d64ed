// The datasets of this build (DESIGN §5), as declarations. The code lists are those of
// schemas/codelists.xml; the descriptions are the codebook's English ones (a test checks it).
#include "dataset/DatasetRules.h"
#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {
namespace {

InputField person(std::string description) {
  return {"person", FieldKind::Person, true, "", 0, 0, false, std::move(description), "", ""};
}
InputField field(std::string name, FieldKind kind, bool required, std::string description) {
  return {std::move(name), kind, required, "", 0, 0, false, std::move(description), "", ""};
}
InputField code(std::string name, std::string list, bool required, std::string description,
                std::string hint = "") {
  return {std::move(name),        FieldKind::Code, required, std::move(list), 0, 0, false,
          std::move(description), std::move(hint), ""};
}
InputField number(std::string name, int low, int high, std::string description) {
  return {std::move(name), FieldKind::WholeNumber, false, "", low, high,
          false,           std::move(description), "",    ""};
}
InputField date(std::string name, bool required, bool notAfterToday, std::string description) {
  return {std::move(name), FieldKind::Date,        required, "", 0, 0,
          notAfterToday,   std::move(description), "",       ""};
}

OutputColumn column(std::string name, ColumnType type, bool required, Origin origin,
                    std::string from, std::string list, std::string description) {
  return {std::move(name),        type, required, origin, std::move(from), std::move(list),
          std::move(description), ""};
}
// A column copied from the input field of the same name.
OutputColumn copied(const std::string& name, ColumnType type, bool required,
                    std::string description, std::string list = "") {
  return column(name, type, required, Origin::Input, name, std::move(list), std::move(description));
}
// pseudonym, birth month, sex and age on `ageDate`: the person columns every dataset starts with.
std::vector<OutputColumn> personColumns(std::string pseudonym, const std::string& ageDate,
                                        std::string age) {
  return {
      column("person", ColumnType::Pseudonym, true, Origin::Pseudonym, "", "",
             std::move(pseudonym)),
      column("birth_month", ColumnType::YearMonth, true, Origin::BirthMonth, "", "",
             "birth year and month (yyyy-mm); the year alone (yyyy) where the job generalises it "
             "(the risk report says)"),
      column("sex", ColumnType::Code, true, Origin::Sex, "", "sex",
             "sex derived from the CPR number"),
      column("age", ColumnType::Int, true, Origin::Age, ageDate, "", std::move(age)),
  };
}
OutputColumn sourceColumn() {
  return column("source", ColumnType::Text, true, Origin::SourceId, "", "",
                "id of the source instance that delivered the row");
}
template <typename T>
std::vector<T> join(std::vector<T> a, std::vector<T> b) {
  for (T& x : b) a.push_back(std::move(x));
  return a;
}

// The pupil and the school every school dataset starts with, in and out.
std::vector<InputField> pupilAtSchoolInputs() {
  return {
      person("CPR number of the pupil (DDMMYYSSSS or DDMMYY-SSSS)"),
      field("municipality", FieldKind::Municipality, true,
            "municipality code (kommunekode), 3 or 4 digits"),
      field("school", FieldKind::Institution, true,
            "school institution number (institutionsnummer), 6 digits"),
  };
}

std::vector<OutputColumn> schoolColumns() {
  return {
      copied("municipality", ColumnType::Text, true, "municipality code (kommunekode)"),
      copied("school", ColumnType::Text, false,
             "school institution number; empty where the job generalises it to the municipality "
             "(the risk report says)"),
  };
}

DatasetDeclaration absenceEventDeclaration() {
  DatasetDeclaration d;
  d.name = "absence_event";
  d.xmlRecord = "event";
  d.inputs =
      join(pupilAtSchoolInputs(),
           {
               number("grade", 0, 10, "grade (klassetrin) 0-10; 0 = boernehaveklasse"),
               date("date", true, true, "date of the absence"),
               code("unit", "absence_unit", false, "day (default) or lesson"),
               number("lesson", 1, 12, "lesson number 1-12 when unit is lesson"),
               code("category", "absence_category", true, "absence category of the absence order",
                    "map the source's words in the source's value settings"),
           });
  d.outputs =
      join(join(personColumns("pseudonym of the pupil", "date",
                              "age in whole years at the end of the month before the absence (from "
                              "the birth month: the day of birth is never used)"),
                schoolColumns()),
           {
               copied("grade", ColumnType::Int, false, "grade 0-10"),
               copied("date", ColumnType::Date, true, "date of the absence"),
               copied("unit", ColumnType::Code, true, "unit of the absence", "absence_unit"),
               copied("lesson", ColumnType::Int, false, "lesson number when unit is lesson"),
               copied("category", ColumnType::Code, true, "absence category", "absence_category"),
               sourceColumn(),
           });
  d.periodColumns = {"date"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality", "school", "grade"};
  d.rules = {{"pupil_age", {}, {}, {}, rules::pupilAge, {}, {}},
             {"unit_and_lesson", {"unit", "lesson"}, {}, {}, rules::unitAndLesson, {}, {}}};
  return d;
}

DatasetDeclaration caseMeasureDeclaration() {
  DatasetDeclaration d;
  d.name = "case_measure";
  d.xmlRecord = "measure";
  d.inputs = {
      person("CPR number of the child (DDMMYYSSSS or DDMMYY-SSSS)"),
      field("municipality", FieldKind::Municipality, true,
            "municipality code (kommunekode), 3 or 4 digits"),
      field("legal_basis", FieldKind::LegalBasis, true,
            "legal basis as recorded, e.g. 'SEL § 52, stk. 3, nr. 7' or 'BL § 46'"),
      field("placement_type", FieldKind::Text, false,
            "placement type as recorded: Danmarks Statistik's code or its name"),
      date("start", true, false, "first day of the measure"),
      date("end", false, false, "last day of the measure; empty while it runs"),
  };
  d.outputs = join(
      personColumns("pseudonym of the child", "start",
                    "age in whole years at the end of the month before the measure starts (from "
                    "the birth month: the day of birth is never used)"),
      {
          copied("municipality", ColumnType::Text, true, "municipality code (kommunekode)"),
          column("legal_basis_recorded", ColumnType::Text, true, Origin::Input, "legal_basis", "",
                 "legal basis as recorded"),
          column("legal_basis", ColumnType::Text, false, Origin::Rule, "", "",
                 "legal basis normalised through the crosswalk (BL-32-1-5, SEL-52-3-7); empty "
                 "when not recognised"),
          column("kind", ColumnType::Code, true, Origin::Rule, "", "case_kind",
                 "harmonised kind of measure"),
          column("placement_recorded", ColumnType::Text, false, Origin::Input, "placement_type", "",
                 "placement type as recorded"),
          column("placement", ColumnType::Code, false, Origin::Rule, "", "placement_type",
                 "placement type harmonised with Danmarks Statistik's codes"),
          copied("start", ColumnType::Date, true, "first day of the measure"),
          copied("end", ColumnType::Date, false, "last day of the measure; empty while it runs"),
          sourceColumn(),
      });
  d.periodColumns = {"start", "end"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality"};
  d.rules = {
      {"child_age", {}, {}, {}, rules::childAge, {}, {}},
      {"legal_basis",
       {"legal_basis"},
       {"legal_basis", "kind"},
       {"legal_basis_unrecognised"},
       rules::legalBasis,
       {},
       {}},
      {"placement",
       {"placement_type"},
       {"placement"},
       {"placement_unrecognised"},
       rules::placement,
       {},
       {}},
      {"end_not_before_start", {"start", "end"}, {}, {}, rules::endNotBeforeStart, {}, {}},
  };
  return d;
}

DatasetDeclaration caseEventDeclaration() {
  DatasetDeclaration d;
  d.name = "case_event";
  d.xmlRecord = "event";
  d.inputs = {
      person("CPR number of the child (DDMMYYSSSS or DDMMYY-SSSS)"),
      field("municipality", FieldKind::Municipality, true,
            "municipality code (kommunekode), 3 or 4 digits"),
      code("kind", "case_event_kind", true,
           "notification, investigation_start or "
           "investigation_end"),
      date("date", true, true, "date of the event"),
  };
  d.outputs =
      join(personColumns("pseudonym of the child", "date",
                         "age in whole years at the end of the month before the event (from the "
                         "birth month: the day of birth is never used)"),
           {
               copied("municipality", ColumnType::Text, true, "municipality code (kommunekode)"),
               copied("kind", ColumnType::Code, true, "kind of event", "case_event_kind"),
               copied("date", ColumnType::Date, true, "date of the event"),
               sourceColumn(),
           });
  d.periodColumns = {"date"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality"};
  d.rules = {{"child_age", {}, {}, {}, rules::childAge, {}, {}}};
  return d;
}

DatasetDeclaration schoolOutcomeDeclaration() {
  DatasetDeclaration d;
  d.name = "school_outcome";
  d.xmlRecord = "outcome";
  d.inputs = join(
      pupilAtSchoolInputs(),
      {
          {"grade", FieldKind::WholeNumber, true, "", 0, 10, false,
           "grade (klassetrin) 0-10 when the pupil took the test", "", ""},
          field("school_year", FieldKind::Text, false,
                "school year yyyy/yy (1 August - 31 July); empty: the date's"),
          date("date", true, true, "date of the test, exam or survey answer"),
          code("instrument", "outcome_instrument", true, "test, exam or survey",
               "map the source's words in the source's value settings"),
          code("subject", "outcome_subject", true, "subject, exam or survey indicator",
               "map the source's words in the source's value settings"),
          field("score", FieldKind::Text, true, "score as the source gives it"),
          code("scale", "outcome_scale", false, "the score's scale; empty: the test's only scale"),
      });
  d.outputs = join(
      join(personColumns("pseudonym of the pupil", "date",
                         "age in whole years at the end of the month before the test, exam or "
                         "survey (from the birth month: the day of birth is never used)"),
           schoolColumns()),
      {
          copied("grade", ColumnType::Int, true, "grade 0-10"),
          copied("school_year", ColumnType::Text, true, "school year yyyy/yy, 1 August - 31 July"),
          copied("date", ColumnType::Date, true, "date of the test, exam or survey answer"),
          copied("instrument", ColumnType::Code, true, "test, exam or survey",
                 "outcome_instrument"),
          copied("subject", ColumnType::Code, true, "subject, exam or survey indicator",
                 "outcome_subject"),
          copied("score", ColumnType::Text, true,
                 "score on its scale: a 7-point grade exactly, a test score as given, a survey "
                 "average with one decimal"),
          copied("scale", ColumnType::Code, true, "the scale of the score", "outcome_scale"),
          sourceColumn(),
      });
  d.periodColumns = {"date"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality", "school", "grade"};
  d.rules = {
      {"child_age", {}, {}, {}, rules::childAge, {}, {}},
      {"school_year", {"school_year", "date"}, {}, {}, rules::schoolYear, {}, {}},
      {"outcome_test",
       {"instrument", "subject", "grade", "school_year"},
       {},
       {},
       rules::outcomeTest,
       {},
       {}},
      {"outcome_score",
       {"instrument", "subject", "scale", "score"},
       {},
       {},
       rules::outcomeScore,
       {},
       {}},
  };
  return d;
}

// Which school and grade a pupil attended from when to when: the denominator of absence rates
// (school days enrolled) and the link between a pupil and a school over time.
DatasetDeclaration enrolmentDeclaration() {
  DatasetDeclaration d;
  d.name = "enrolment";
  d.xmlRecord = "enrolment";
  d.inputs = join(
      pupilAtSchoolInputs(),
      {
          {"grade", FieldKind::WholeNumber, true, "", 0, 10, false,
           "grade (klassetrin) 0-10; 0 = boernehaveklasse", "", ""},
          date("start", true, false, "first day at the school in this grade"),
          date("end", false, false, "last day at the school in this grade; empty while it lasts"),
      });
  d.outputs =
      join(join(personColumns("pseudonym of the pupil", "start",
                              "age in whole years at the end of the month before the enrolment "
                              "starts (from the birth month: the day of birth is never used)"),
                schoolColumns()),
           {
               copied("grade", ColumnType::Int, true, "grade 0-10"),
               copied("start", ColumnType::Date, true, "first day at the school in this grade"),
               copied("end", ColumnType::Date, false,
                      "last day at the school in this grade; empty while it lasts"),
               sourceColumn(),
           });
  d.periodColumns = {"start", "end"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality", "school", "grade"};
  d.rules = {
      {"child_age", {}, {}, {}, rules::childAge, {}, {}},
      {"end_not_before_start", {"start", "end"}, {}, {}, rules::endNotBeforeStart, {}, {}},
  };
  return d;
}

// absence_summary (issue 15, DESIGN §5): computed by the host from the job's absence_event and
// enrolment and its municipality's school calendar (pipeline/stages/Summarise), never read
// from a source. summary/AbsenceSummary.h has the arithmetic and its rules.
OutputColumn derived(std::string name, ColumnType type, bool required, std::string description,
                     std::string list = "") {
  return column(std::move(name), type, required, Origin::Derived, "", std::move(list),
                std::move(description));
}

// person, birth_month and sex: the columns a derived dataset starts with.
std::vector<OutputColumn> derivedPersonColumns(std::string pseudonym) {
  return {
      derived("person", ColumnType::Pseudonym, true, std::move(pseudonym)),
      derived("birth_month", ColumnType::YearMonth, true,
              "birth year and month (yyyy-mm); the year alone (yyyy) where the job generalises it "
              "(the risk report says)"),
      derived("sex", ColumnType::Code, true, "sex derived from the CPR number", "sex"),
  };
}

// The units absent per category and in all, as absence_summary counts them.
std::vector<OutputColumn> absentColumns() {
  return {
      derived("sick", ColumnType::Int, true, "units absent with illness"),
      derived("authorised", ColumnType::Int, true,
              "units absent with leave (ekstraordinaer frihed)"),
      derived("unauthorised", ColumnType::Int, true,
              "units absent without leave (ulovligt fravaer)"),
      derived("unknown", ColumnType::Int, true,
              "units absent whose category the source could not tell"),
      derived("absent", ColumnType::Int, true, "units absent in all (the four categories)"),
  };
}

DatasetDeclaration absenceSummaryDeclaration() {
  DatasetDeclaration d;
  d.name = "absence_summary";
  d.xmlRoot = "absence_summaries";
  d.xmlRecord = "summary";
  d.derivedFrom = {"absence_event", "enrolment"};
  d.outputs = join(
      join(derivedPersonColumns("pseudonym of the pupil"),
           {
               derived("municipality", ColumnType::Text, true,
                       "municipality code (kommunekode) of the enrolment"),
               derived("school", ColumnType::Text, false,
                       "school institution number; empty where the job generalises it to the "
                       "municipality (the risk report says)"),
               derived("grade", ColumnType::Int, true, "grade 0-10 of the enrolment"),
               derived("period_kind", ColumnType::Code, true, "quarter or school year",
                       "period_kind"),
               derived("period", ColumnType::Text, true,
                       "the period: calendar quarter (2026Q3) or school year 1 August - 31 July "
                       "(2026/27)"),
               derived("period_start", ColumnType::Date, true, "first day of the period"),
               derived("period_end", ColumnType::Date, true, "last day of the period"),
               derived(
                   "unit", ColumnType::Code, true,
                   "unit of the counts: school days, or planned lessons for lesson-level sources",
                   "absence_unit"),
               derived("planned", ColumnType::Int, true,
                       "school days (or planned lessons) of the period while the pupil was "
                       "enrolled at the school"),
           }),
      join(
          absentColumns(),
          {
              derived("unauthorised_rate", ColumnType::Text, true,
                      "unauthorised divided by planned, in percent with two decimals (half up)"),
              derived("absence_rate", ColumnType::Text, true,
                      "absent divided by planned, in percent with two decimals (half up)"),
              derived(
                  "unauth_warn", ColumnType::Code, false,
                  "quarter rows: unauthorised at least the job's warning threshold (default 10 %); "
                  "empty on school-year rows",
                  "flag"),
              derived(
                  "unauth_notify", ColumnType::Code, false,
                  "quarter rows: unauthorised at least the job's notification threshold (default "
                  "15 %); empty on school-year rows",
                  "flag"),
              derived("high_total", ColumnType::Code, false,
                      "school-year rows: absent above the job's threshold (default 10 %); empty on "
                      "quarter "
                      "rows",
                      "flag"),
              derived(
                  "as_of", ColumnType::Date, true,
                  "the day the figures were computed; a later package's row for the same person, "
                  "school, period and unit supersedes this one"),
          }));
  d.periodColumns = {"period_start", "period_end"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality", "school", "grade"};
  return d;
}

// person_period (issue 15, DESIGN §5): one row per child and quarter, joining absence_summary's
// figures with the case measures active in the quarter (summary/PersonPeriod.h has the rules).
DatasetDeclaration personPeriodDeclaration() {
  DatasetDeclaration d;
  d.name = "person_period";
  d.xmlRoot = "person_periods";
  d.xmlRecord = "period";
  d.derivedFrom = {"absence_event", "enrolment", "case_measure"};
  d.outputs = join(
      join(
          derivedPersonColumns("pseudonym of the child"),
          {
              derived(
                  "municipality", ColumnType::Text, true,
                  "municipality code (kommunekode) of the enrolment or measure in the quarter that "
                  "starts last"),
              derived("period", ColumnType::Text, true, "the calendar quarter (2026Q3)"),
              derived("period_start", ColumnType::Date, true, "first day of the quarter"),
              derived("period_end", ColumnType::Date, true, "last day of the quarter"),
              derived("unit", ColumnType::Code, true,
                      "unit of the school counts: school days, or planned lessons for lesson-level "
                      "sources",
                      "absence_unit"),
              derived("planned", ColumnType::Int, true,
                      "school days (or planned lessons) of the quarter while the child was "
                      "enrolled, at every school; 0 when not enrolled"),
          }),
      join(
          absentColumns(),
          {
              derived(
                  "unauthorised_rate", ColumnType::Text, false,
                  "unauthorised divided by planned, in percent with two decimals (half up); empty "
                  "when planned is 0"),
              derived(
                  "absence_rate", ColumnType::Text, false,
                  "absent divided by planned, in percent with two decimals (half up); empty when "
                  "planned is 0"),
              derived("unauth_warn", ColumnType::Code, false,
                      "unauthorised at least the job's warning threshold (default 10 %) of the "
                      "quarter; empty when planned is 0",
                      "flag"),
              derived(
                  "unauth_notify", ColumnType::Code, false,
                  "unauthorised at least the job's notification threshold (default 15 %) of the "
                  "quarter; empty when planned is 0",
                  "flag"),
              derived("in_care", ColumnType::Code, true,
                      "placed outside the home (anbragt) on at least one day of the quarter",
                      "flag"),
              derived("care_days", ColumnType::Int, true,
                      "days of the quarter in care, up to the day of the run"),
              derived("placement", ColumnType::Code, false,
                      "harmonised placement type with the most days in care in the quarter; empty "
                      "without one",
                      "placement_type"),
              derived(
                  "preventive", ColumnType::Code, true,
                  "under a preventive measure (forebyggende foranstaltning) on at least one day of "
                  "the quarter",
                  "flag"),
              derived("preventive_days", ColumnType::Int, true,
                      "days of the quarter under a preventive measure, up to the day of the run"),
              derived("as_of", ColumnType::Date, true,
                      "the day the figures were computed; a later package's row for the same "
                      "person and "
                      "quarter supersedes this one"),
          }));
  d.periodColumns = {"period_start", "period_end"};
  d.quasiIdentifiers = {"birth_month", "sex", "municipality"};
  return d;
}

// The aggregate tables (issue 15; aggregate/AggregateTable.h, aggregate/Suppression.h): one
// row per cell of a municipality's schools x grades table, and per margin, for each period and
// unit. A count of fewer than k children, and any value that would give one back, is empty.
DatasetDeclaration absenceAggregateDeclaration() {
  const auto count = [](std::string name, std::string description) {
    return derived(std::move(name), ColumnType::Int, false,
                   std::move(description) + "; empty when suppressed");
  };
  DatasetDeclaration d;
  d.name = "absence_aggregate";
  d.xmlRoot = "absence_aggregates";
  d.xmlRecord = "cell";
  d.derivedFrom = {"absence_event", "enrolment"};
  d.aggregate = true;
  d.outputs = {
      derived("municipality", ColumnType::Text, true,
              "municipality code (kommunekode) of the enrolments counted"),
      derived("level", ColumnType::Code, true,
              "what the row counts: one school and grade, a school's total over its grades, a "
              "grade's total over the schools, or the municipality's total",
              "aggregate_level"),
      derived("school", ColumnType::Text, false,
              "school institution number; empty on grade and municipality totals"),
      derived("grade", ColumnType::Int, false,
              "grade 0-10; empty on school and municipality totals"),
      derived("period_kind", ColumnType::Code, true, "quarter or school year", "period_kind"),
      derived("period", ColumnType::Text, true,
              "the period: calendar quarter (2026Q3) or school year 1 August - 31 July "
              "(2026/27)"),
      derived("period_start", ColumnType::Date, true, "first day of the period"),
      derived("period_end", ColumnType::Date, true, "last day of the period"),
      derived("unit", ColumnType::Code, true,
              "unit of the counts: school days, or planned lessons for lesson-level sources",
              "absence_unit"),
      count("pupils",
            "children enrolled in the period (a child who changed school counts at each, so "
            "twice in a total)"),
      count("unauth_warn", "children whose quarter row has unauth_warn; empty on school-year rows"),
      count("unauth_notify",
            "children whose quarter row has unauth_notify; empty on school-year rows"),
      count("high_total", "children whose school-year row has high_total; empty on quarter rows"),
      count("planned", "school days (or planned lessons) of the children, summed"),
      count("sick", "units absent with illness, summed"),
      count("authorised", "units absent with leave (ekstraordinaer frihed), summed"),
      count("unauthorised", "units absent without leave (ulovligt fravaer), summed"),
      count("unknown", "units absent whose category the source could not tell, summed"),
      derived("unauthorised_rate", ColumnType::Text, false,
              "unauthorised divided by planned, in percent with two decimals (half up); empty "
              "when suppressed or when planned is 0"),
      derived("absence_rate", ColumnType::Text, false,
              "absent divided by planned, in percent with two decimals (half up); empty when "
              "suppressed or when planned is 0"),
      derived("suppressed", ColumnType::Text, false,
              "the columns of this row left empty by suppression, separated by spaces: below "
              "the job's k, or a complement that would give such a value back from the totals"),
      derived("as_of", ColumnType::Date, true,
              "the day the figures were computed; a later package's row for the same "
              "municipality, level, school, grade, period and unit supersedes this one"),
  };
  d.periodColumns = {"period_start", "period_end"};
  return d;
}
}  // namespace

const DatasetSpec& enrolment() {
  static const DatasetSpec spec(enrolmentDeclaration());
  return spec;
}

const DatasetSpec& absenceSummary() {
  static const DatasetSpec spec(absenceSummaryDeclaration());
  return spec;
}

const DatasetSpec& personPeriod() {
  static const DatasetSpec spec(personPeriodDeclaration());
  return spec;
}

const DatasetSpec& absenceAggregate() {
  static const DatasetSpec spec(absenceAggregateDeclaration());
  return spec;
}

const DatasetSpec& absenceEvent() {
  static const DatasetSpec spec(absenceEventDeclaration());
  return spec;
}

const DatasetSpec& caseMeasure() {
  static const DatasetSpec spec(caseMeasureDeclaration());
  return spec;
}

const DatasetSpec& caseEvent() {
  static const DatasetSpec spec(caseEventDeclaration());
  return spec;
}

const DatasetSpec& schoolOutcome() {
  static const DatasetSpec spec(schoolOutcomeDeclaration());
  return spec;
}

}  // namespace brobyg::dataset
