// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/time_unit.hpp"

namespace retention {
namespace {

struct UnitInfo {
  const char* name;
  double days;
  int per_year;
};

// In Bucket order.
constexpr UnitInfo kUnits[] = {
    {"day", 1.0, 365},
    {"week", 7.0, 52},
    {"month", 365.25 / 12.0, 12},
    {"quarter", 365.25 / 4.0, 4},
    {"year", 365.25, 1},
};

const UnitInfo& info(Bucket unit) noexcept {
  const auto i = static_cast<unsigned>(unit);
  return kUnits[i < 5 ? i : 2];
}

}  // namespace

double unit_days(Bucket unit) noexcept {
  return info(unit).days;
}

int periods_per_year(Bucket unit) noexcept {
  return info(unit).per_year;
}

double months_per_unit(Bucket unit) noexcept {
  return 12.0 / info(unit).per_year;
}

const char* bucket_name(Bucket unit) noexcept {
  return info(unit).name;
}

std::optional<Bucket> bucket_from_name(std::string_view name) noexcept {
  for (unsigned i = 0; i < 5; ++i) {
    if (name == kUnits[i].name) return static_cast<Bucket>(i);
  }
  return std::nullopt;
}

}  // namespace retention
