#include "infrastructure/calendar/maintenance_calendar.hpp"

#include <date/tz.h>

#include <string>
#include <vector>

namespace nyxmon::infra::calendar {

using domain::Duration;
using domain::MaintenanceSpec;
using domain::Timestamp;

namespace {

domain::Result<const date::time_zone*> zone_named(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return domain::fail(domain::Error::invalid_argument(
        "time zone '" + std::string(name) +
            "' is not in the tz database (use an IANA name such as Europe/Berlin or UTC)",
        "time_zone"));
  }
}

// The weekly occurrences whose local day lies within 8 days of `at`'s, in
// order of their start.
domain::Result<std::vector<Occurrence>> weekly_around(const MaintenanceSpec& spec, Timestamp at) {
  auto zone = zone_named(spec.weekly->time_zone);
  if (!zone) return domain::fail(std::move(zone.error()));
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(at);
  const auto local_day = date::floor<date::days>((*zone)->to_local(seconds));
  std::vector<Occurrence> occurrences;
  for (int offset = -8; offset <= 8; ++offset) {
    const date::local_days day = local_day + date::days(offset);
    const unsigned iso_day = date::weekday(day).iso_encoding();  // 1 Monday … 7 Sunday
    if (!(spec.weekly->days & (1u << (iso_day - 1)))) continue;
    const auto local_start = day + std::chrono::minutes(spec.weekly->minute_of_day);
    const Timestamp start = (*zone)->to_sys(local_start, date::choose::earliest);
    occurrences.push_back({start, start + spec.duration});
  }
  return occurrences;
}

}  // namespace

domain::Result<std::optional<Occurrence>> occurrence_at(const MaintenanceSpec& spec, Timestamp at) {
  if (!spec.weekly) {
    const Occurrence once{spec.start, spec.start + spec.duration};
    if (once.start <= at && at < once.end) return std::optional<Occurrence>(once);
    return std::optional<Occurrence>();
  }
  auto around = weekly_around(spec, at);
  if (!around) return domain::fail(std::move(around.error()));
  // The latest start at or before `at` is the one that may still be open.
  std::optional<Occurrence> open;
  for (const Occurrence& occurrence : *around) {
    if (occurrence.start <= at && at < occurrence.end) open = occurrence;
  }
  return open;
}

domain::Result<std::optional<Occurrence>> next_occurrence(const MaintenanceSpec& spec,
                                                          Timestamp at) {
  if (!spec.weekly) {
    if (spec.start > at)
      return std::optional<Occurrence>(Occurrence{spec.start, spec.start + spec.duration});
    return std::optional<Occurrence>();
  }
  auto around = weekly_around(spec, at);
  if (!around) return domain::fail(std::move(around.error()));
  for (const Occurrence& occurrence : *around) {
    if (occurrence.start > at) return std::optional<Occurrence>(occurrence);
  }
  return std::optional<Occurrence>();
}

domain::Result<void> check_time_zone(std::string_view name) {
  auto zone = zone_named(name);
  if (!zone) return domain::fail(std::move(zone.error()));
  return {};
}

}  // namespace nyxmon::infra::calendar
