#pragma once

#include "dataset/RowRule.h"

namespace brobyg::dataset::rules {

// The cross-field rules of this build's datasets (DatasetSpec's only code). Each is a plain
// function over the rule's slots, documented at its definition.
const char* pupilAge(RuleRow& row);           // absence_event: no slots
const char* childAge(RuleRow& row);           // case datasets: no slots
const char* unitAndLesson(RuleRow& row);      // absence_event: in unit, lesson
const char* legalBasis(RuleRow& row);         // case_measure: in legal_basis; out legal_basis, kind
const char* placement(RuleRow& row);          // case_measure: in placement_type; out placement
const char* endNotBeforeStart(RuleRow& row);  // in start, end
const char* schoolYear(RuleRow& row);         // school_outcome: in school_year, date
const char* outcomeTest(RuleRow& row);        // in instrument, subject, grade, school_year
const char* outcomeScore(RuleRow& row);       // in instrument, subject, scale, score

}  // namespace brobyg::dataset::rules
