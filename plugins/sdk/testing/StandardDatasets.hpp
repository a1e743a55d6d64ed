// The standard datasets' input fields, exactly as the host hands them to a source
// plugin's create (brobyg_create_args.dataset), so that plugin tests need no host
// header. Generated from the host's dataset specs (host/core/dataset/Datasets.cpp) by
// host/tests/dataset/SdkDatasetsTest.cpp, which fails when this file differs from them;
// BROBYG_UPDATE_GOLDEN=1 rewrites it. Do not edit by hand.
#pragma once

#include <brobyg_plugin.h>

#include <iterator>
#include <string_view>

// clang-format off
namespace brobyg::testing::datasets {

// absence_event, version 1
inline constexpr brobyg_field_def kAbsenceEventFields[] = {
    {"person", BROBYG_FIELD_PERSON, BROBYG_FIELD_REQUIRED, nullptr},
    {"municipality", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"school", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"grade", BROBYG_FIELD_INT, 0, nullptr},
    {"date", BROBYG_FIELD_DATE, BROBYG_FIELD_REQUIRED, nullptr},
    {"unit", BROBYG_FIELD_CODE, 0, "day|lesson"},
    {"lesson", BROBYG_FIELD_INT, 0, nullptr},
    {"category", BROBYG_FIELD_CODE, BROBYG_FIELD_REQUIRED, "sick|authorised|unauthorised|unknown"},
};
inline constexpr brobyg_dataset_def kAbsenceEvent{"absence_event", 1, std::size(kAbsenceEventFields), kAbsenceEventFields};
inline const brobyg_dataset_def* absenceEvent() { return &kAbsenceEvent; }

// case_measure, version 1
inline constexpr brobyg_field_def kCaseMeasureFields[] = {
    {"person", BROBYG_FIELD_PERSON, BROBYG_FIELD_REQUIRED, nullptr},
    {"municipality", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"legal_basis", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"placement_type", BROBYG_FIELD_TEXT, 0, nullptr},
    {"start", BROBYG_FIELD_DATE, BROBYG_FIELD_REQUIRED, nullptr},
    {"end", BROBYG_FIELD_DATE, 0, nullptr},
};
inline constexpr brobyg_dataset_def kCaseMeasure{"case_measure", 1, std::size(kCaseMeasureFields), kCaseMeasureFields};
inline const brobyg_dataset_def* caseMeasure() { return &kCaseMeasure; }

// case_event, version 1
inline constexpr brobyg_field_def kCaseEventFields[] = {
    {"person", BROBYG_FIELD_PERSON, BROBYG_FIELD_REQUIRED, nullptr},
    {"municipality", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"kind", BROBYG_FIELD_CODE, BROBYG_FIELD_REQUIRED, "notification|investigation_start|investigation_end"},
    {"date", BROBYG_FIELD_DATE, BROBYG_FIELD_REQUIRED, nullptr},
};
inline constexpr brobyg_dataset_def kCaseEvent{"case_event", 1, std::size(kCaseEventFields), kCaseEventFields};
inline const brobyg_dataset_def* caseEvent() { return &kCaseEvent; }

// school_outcome, version 1
inline constexpr brobyg_field_def kSchoolOutcomeFields[] = {
    {"person", BROBYG_FIELD_PERSON, BROBYG_FIELD_REQUIRED, nullptr},
    {"municipality", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"school", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"grade", BROBYG_FIELD_INT, BROBYG_FIELD_REQUIRED, nullptr},
    {"school_year", BROBYG_FIELD_TEXT, 0, nullptr},
    {"date", BROBYG_FIELD_DATE, BROBYG_FIELD_REQUIRED, nullptr},
    {"instrument", BROBYG_FIELD_CODE, BROBYG_FIELD_REQUIRED, "national_test_adaptive|national_test_transition|national_test_skills|leaving_exam|wellbeing_survey"},
    {"subject", BROBYG_FIELD_CODE, BROBYG_FIELD_REQUIRED, "danish_reading|danish_spelling|danish_writing|danish_oral|maths|maths_written_no_aids|maths_written_with_aids|maths_oral|english|english_written|english_oral|german_written|german_oral|french_written|french_oral|physics_chemistry|biology|geography|science|history|social_studies|christianity|social_wellbeing|academic_wellbeing|support_inspiration|peace_order"},
    {"score", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"scale", BROBYG_FIELD_CODE, 0, "grade_7point|wellbeing_mean|adaptive_percentile|adaptive_level|transition_points|skills_points"},
};
inline constexpr brobyg_dataset_def kSchoolOutcome{"school_outcome", 1, std::size(kSchoolOutcomeFields), kSchoolOutcomeFields};
inline const brobyg_dataset_def* schoolOutcome() { return &kSchoolOutcome; }

// enrolment, version 1
inline constexpr brobyg_field_def kEnrolmentFields[] = {
    {"person", BROBYG_FIELD_PERSON, BROBYG_FIELD_REQUIRED, nullptr},
    {"municipality", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"school", BROBYG_FIELD_TEXT, BROBYG_FIELD_REQUIRED, nullptr},
    {"grade", BROBYG_FIELD_INT, BROBYG_FIELD_REQUIRED, nullptr},
    {"start", BROBYG_FIELD_DATE, BROBYG_FIELD_REQUIRED, nullptr},
    {"end", BROBYG_FIELD_DATE, 0, nullptr},
};
inline constexpr brobyg_dataset_def kEnrolment{"enrolment", 1, std::size(kEnrolmentFields), kEnrolmentFields};
inline const brobyg_dataset_def* enrolment() { return &kEnrolment; }

// Every standard dataset, and one by name (nullptr when there is none).
inline constexpr const brobyg_dataset_def* kAll[] = {&kAbsenceEvent, &kCaseMeasure, &kCaseEvent, &kSchoolOutcome, &kEnrolment};
inline const brobyg_dataset_def* find(std::string_view name) {
  for (const brobyg_dataset_def* d : kAll)
    if (name == d->name) return d;
  return nullptr;
}

}  // namespace brobyg::testing::datasets
// clang-format on
