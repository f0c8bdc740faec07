// maintenance_spec.hpp — a maintenance window: when checks may fail without
// anyone being paged, and which checks.
//
// A window is one-off (an instant and a duration) or weekly (days, a local
// time of day and an IANA time zone, each occurrence lasting `duration`).
// While an occurrence is open, a covered check whose status goes bad becomes
// `maintenance` instead of down or degraded and notifies nobody. When the
// occurrences begin and end is decided at the edge that knows time zones
// (infrastructure/calendar/maintenance_calendar.hpp); the domain sees them as
// commands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/check_spec.hpp"
#include "domain/model/ids.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// Which checks a window covers: every check, or the checks named and the
// checks of the services named.
struct MaintenanceScope {
  bool everything = false;
  std::vector<CheckId> checks;
  std::vector<ServiceId> services;

  bool covers(const CheckSpec& check) const;
  bool operator==(const MaintenanceScope&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(everything, checks, services);
  }
};

// "every: [sat, sun] at 02:00 Europe/Berlin".
struct WeeklyRecurrence {
  std::uint8_t days = 0;            // bit 0 Monday … bit 6 Sunday (ISO 8601 order)
  std::uint16_t minute_of_day = 0;  // local time, 0 … 1439
  std::string time_zone;            // IANA name: "Europe/Berlin", "UTC"

  bool operator==(const WeeklyRecurrence&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(days, minute_of_day, time_zone);
  }
};

// Day names "mon" … "sun" to the bit of WeeklyRecurrence::days; nullopt
// for anything else.
std::optional<std::uint8_t> weekday_bit(std::string_view name);
// "mon,sat,sun".
std::string weekday_names(std::uint8_t days);

struct MaintenanceSpec {
  MaintenanceId id;
  MaintenanceScope scope;
  // One-off: when it starts. Ignored when `weekly` is set.
  Timestamp start{};
  Duration duration{0};  // of the window, or of each weekly occurrence
  std::optional<WeeklyRecurrence> weekly;
  std::string comment;
  bool from_configuration = false;  // config reloads own it; ad hoc ones stay

  bool operator==(const MaintenanceSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(id, scope, start, duration, weekly, comment, from_configuration);
  }
};

// "checks api, web; services shop for 2h from 2026-12-01T02:00:00Z",
// "everything for 1h every sat,sun at 02:00 Europe/Berlin".
std::string describe(const MaintenanceSpec& spec);

// Every problem of `spec`, each at `path` + its field. Whether the time
// zone exists is not known here: the edges that read the tz database check
// it.
ValidationProblems validate(const MaintenanceSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
