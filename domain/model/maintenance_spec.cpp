#include "domain/model/maintenance_spec.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "domain/model/duration_text.hpp"
#include "domain/model/field_checks.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::domain {
namespace {

constexpr std::array<std::string_view, 7> kDayNames{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};
// A window longer than this is not maintenance; pause the check instead.
constexpr Duration kLongestWindow = std::chrono::hours(24 * 31);

template <class Id>
std::string joined(const std::vector<Id>& ids) {
  std::string out;
  for (const Id& id : ids)
    out += (out.empty() ? "" : ", ") + id.value;
  return out;
}

}  // namespace

bool MaintenanceScope::covers(const CheckSpec& check) const {
  return everything || std::find(checks.begin(), checks.end(), check.id) != checks.end() ||
         std::find(services.begin(), services.end(), check.service) != services.end();
}

std::optional<std::uint8_t> weekday_bit(std::string_view name) {
  for (std::size_t day = 0; day < kDayNames.size(); ++day) {
    if (kDayNames[day] == name) return static_cast<std::uint8_t>(1u << day);
  }
  return std::nullopt;
}

std::string weekday_names(std::uint8_t days) {
  std::string out;
  for (std::size_t day = 0; day < kDayNames.size(); ++day) {
    if (days & (1u << day)) out += (out.empty() ? "" : ",") + std::string(kDayNames[day]);
  }
  return out;
}

std::string describe(const MaintenanceSpec& spec) {
  std::string covered;
  if (spec.scope.everything) covered = "every check";
  if (!spec.scope.checks.empty()) covered += "checks " + joined(spec.scope.checks);
  if (!spec.scope.services.empty())
    covered +=
        (covered.empty() ? "" : "; ") + std::string("services ") + joined(spec.scope.services);
  std::string when = " for " + describe(spec.duration);
  if (spec.weekly) {
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", spec.weekly->minute_of_day / 60,
                  spec.weekly->minute_of_day % 60);
    when += " every " + weekday_names(spec.weekly->days) + " at " + clock + " " +
            spec.weekly->time_zone;
  } else {
    when += " from " + format_timestamp(spec.start);
  }
  return covered + when;
}

ValidationProblems validate(const MaintenanceSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  const MaintenanceScope& scope = spec.scope;
  if (!scope.everything && scope.checks.empty() && scope.services.empty()) {
    problems.push_back({path, "covers nothing; name checks, services, or say all: true"});
  }
  for (const CheckId& check : scope.checks) {
    if (auto problem = id_problem(check.value))
      problems.push_back({path + ".checks", "'" + check.value + "' " + *problem});
  }
  for (const ServiceId& service : scope.services) {
    if (auto problem = id_problem(service.value))
      problems.push_back({path + ".services", "'" + service.value + "' " + *problem});
  }
  if (spec.duration <= Duration::zero()) {
    problems.push_back(
        {path + ".duration", "must be longer than zero (or give an end after the start)"});
  } else if (spec.duration > kLongestWindow) {
    problems.push_back({path + ".duration", "is longer than 31 days; pause the checks instead"});
  }
  if (spec.weekly) {
    if (spec.weekly->days == 0 || spec.weekly->days >= (1u << 7))
      problems.push_back({path + ".every", "names no day; use mon, tue, wed, thu, fri, sat, sun"});
    if (spec.weekly->minute_of_day >= 24 * 60)
      problems.push_back({path + ".at", "is not a time of day (00:00 to 23:59)"});
    if (spec.weekly->time_zone.empty())
      problems.push_back(
          {path + ".time_zone", "is missing; give an IANA zone such as Europe/Berlin or UTC"});
    if (spec.duration > std::chrono::hours(24 * 7))
      problems.push_back(
          {path + ".duration", "is longer than a week, so occurrences would overlap"});
  }
  return problems;
}

}  // namespace nyxmon::domain
