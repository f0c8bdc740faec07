#include "infrastructure/runtime/maintenance_clock.hpp"

#include "infrastructure/calendar/maintenance_calendar.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

namespace {
// After a submission: its decision changes the record (and so brings a new
// look) in the same turn; this is for one that was refused.
constexpr Duration kLookAgain = std::chrono::seconds(1);
}  // namespace

std::optional<Timestamp> MaintenanceClock::on_turn(Timestamp now) {
  std::optional<Timestamp> wake;
  for (const MaintenanceRecord* record : core_.projections().maintenance().all()) {
    auto [it, fresh] = known_.try_emplace(record->spec.id);
    Known& known = it->second;
    if (fresh || known.record != *record || (known.next && *known.next <= now)) {
      known.record = *record;
      known.next = look_at(*record, now);
    }
    if (known.next && (!wake || *known.next < *wake)) wake = known.next;
  }
  return wake;
}

std::optional<Timestamp> MaintenanceClock::look_at(const MaintenanceRecord& record, Timestamp now) {
  if (record.removed) return std::nullopt;
  if (record.open) {
    if (now < record.ends_at) return record.ends_at;
    core_.submit(EndMaintenance{record.spec.id, ""});
    return now + kLookAgain;
  }
  auto open = calendar::occurrence_at(record.spec, now);
  if (!open) {
    system::log_warn(
        "maintenance window " + record.spec.id.value + " stays closed: " + open.error().message,
        {{"event", "maintenance"}, {"window", record.spec.id.value}});
    return std::nullopt;
  }
  if (*open && record.last_occurrence_start != (*open)->start) {
    core_.submit(StartMaintenance{record.spec.id, (*open)->start, (*open)->end});
    return now + kLookAgain;
  }
  auto next = calendar::next_occurrence(record.spec, now);
  if (next && *next) return (*next)->start;
  return std::nullopt;
}

}  // namespace nyxmon::infra::runtime
