#include "infrastructure/config/maintenance_fields.hpp"

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"
#include "infrastructure/calendar/maintenance_calendar.hpp"

namespace nyxmon::infra::config {

using namespace nyxmon::domain;

namespace {

// "02:00" → 120; nullopt for anything but HH:MM within a day.
std::optional<std::uint16_t> minute_of_day(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return static_cast<std::uint16_t>(hours * 60 + minutes);
}

}  // namespace

MaintenanceReading read_maintenance(const MaintenanceFields& fields, const std::string& path,
                                    std::optional<Timestamp> now) {
  MaintenanceReading out;
  MaintenanceSpec& spec = out.spec;
  ValidationProblems& problems = out.problems;
  spec.id = MaintenanceId{fields.id};
  spec.comment = fields.comment;
  spec.scope.everything = fields.all;
  for (const auto& check : fields.checks)
    spec.scope.checks.push_back(CheckId{check});
  for (const auto& service : fields.services)
    spec.scope.services.push_back(ServiceId{service});

  std::optional<Duration> duration;
  if (fields.duration) {
    duration = parse_duration(*fields.duration);
    if (!duration) {
      problems.push_back(
          {path + ".duration", "'" + *fields.duration + "' is not a span (use 30m, 2h, 1d)"});
    }
  }
  const bool weekly = !fields.every.empty() || fields.at || fields.time_zone;
  if (weekly) {
    if (fields.start || fields.end) {
      problems.push_back({path,
                          "is weekly (every/at/time_zone) and one-off (start/end) at once; "
                          "choose one"});
    }
    WeeklyRecurrence recurrence;
    for (const auto& day : fields.every) {
      if (auto bit = weekday_bit(day)) {
        recurrence.days |= *bit;
      } else {
        problems.push_back(
            {path + ".every", "'" + day + "' is not a day; use mon, tue, wed, thu, fri, sat, sun"});
      }
    }
    if (!fields.at) {
      problems.push_back({path + ".at", "is missing; give the local time it starts, as HH:MM"});
    } else if (auto minute = minute_of_day(*fields.at)) {
      recurrence.minute_of_day = *minute;
    } else {
      problems.push_back({path + ".at", "'" + *fields.at + "' is not a time of day as HH:MM"});
    }
    recurrence.time_zone = fields.time_zone.value_or("");
    if (!recurrence.time_zone.empty()) {
      if (auto zone = calendar::check_time_zone(recurrence.time_zone); !zone)
        problems.push_back({path + ".time_zone", zone.error().message});
    }
    if (!fields.duration)
      problems.push_back({path + ".duration", "is missing; say how long each occurrence lasts"});
    spec.weekly = std::move(recurrence);
    if (duration) spec.duration = *duration;
  } else {
    std::optional<Timestamp> start = now;
    if (fields.start && *fields.start != "now") {
      start = parse_timestamp(*fields.start);
      if (!start)
        problems.push_back({path + ".start", "'" + *fields.start + "' is not an RFC 3339 instant"});
    } else if (!fields.start && !now) {
      problems.push_back(
          {path + ".start",
           "is missing; give an RFC 3339 instant, or every/at/time_zone for a weekly window"});
    }
    if (start) spec.start = *start;
    if (fields.end && fields.duration) {
      problems.push_back({path, "gives both end and duration; give one"});
    } else if (fields.end) {
      if (auto end = parse_timestamp(*fields.end)) {
        if (start) spec.duration = *end - *start;
      } else {
        problems.push_back({path + ".end", "'" + *fields.end + "' is not an RFC 3339 instant"});
      }
    } else if (duration) {
      spec.duration = *duration;
    } else if (!fields.duration) {
      problems.push_back({path + ".duration", "is missing; give end or duration"});
    }
  }
  if (problems.empty()) {
    for (auto& problem : validate(spec, path))
      problems.push_back(std::move(problem));
  }
  return out;
}

}  // namespace nyxmon::infra::config
