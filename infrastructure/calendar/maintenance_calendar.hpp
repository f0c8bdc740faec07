// maintenance_calendar.hpp — when the occurrences of a maintenance window
// begin and end, in UTC, from its spec and the tz database (Howard
// Hinnant's date library over Debian's tzdata, /usr/share/zoneinfo).
//
// A weekly occurrence starts at its local time on each of its days; a
// local time that does not exist that day (skipped by a change to summer
// time) starts at the change, one that exists twice starts at the first.
// Each lasts `duration` of real time, whatever the clocks do meanwhile.
// Thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "domain/error.hpp"
#include "domain/model/maintenance_spec.hpp"

namespace nyxmon::infra::calendar {

struct Occurrence {
  domain::Timestamp start{};
  domain::Timestamp end{};
  bool operator==(const Occurrence&) const = default;
};

// The occurrence of `spec` open at `at` (start <= at < end), if any.
domain::Result<std::optional<Occurrence>> occurrence_at(const domain::MaintenanceSpec& spec,
                                                        domain::Timestamp at);

// The first occurrence of `spec` that starts after `at`, if any.
domain::Result<std::optional<Occurrence>> next_occurrence(const domain::MaintenanceSpec& spec,
                                                          domain::Timestamp at);

// An error that says so when the tz database has no zone `name`.
domain::Result<void> check_time_zone(std::string_view name);

}  // namespace nyxmon::infra::calendar
