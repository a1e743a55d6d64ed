#pragma once

#include <string_view>

namespace brobyg::dataset {

// The placement_type code for a placement type as a case system recorded it: one of Danmarks
// Statistik's codes ("21") or one of the words schemas/codelists.xml lists under <recorded>
// (case and surrounding space ignored). Empty when it is neither. Allocates nothing.
std::string_view harmonisePlacement(std::string_view recorded);

}  // namespace brobyg::dataset
