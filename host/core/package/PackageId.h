#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace brobyg::package {

// A new package id: `yyyymmddThhmmssZ-` + 16 random lowercase hex digits. Unique, sortable by
// creation time, and free of personal data. Callers store it before building (it is the
// idempotency key of delivery, CHECKLIST "Delivery semantics").
std::string newPackageId(std::time_t now);
std::string newPackageId();
bool isValidPackageId(std::string_view id);

// yyyy-mm-ddThh:mm:ssZ of `t` in UTC.
std::string isoUtc(std::time_t t);
// Inverse of isoUtc; throws brobyg::Error on any other form.
std::time_t parseIsoUtc(const std::string& text);

}  // namespace brobyg::package
