#include "domain/state/maintenance_record.hpp"

namespace nyxmon::domain {

const MaintenanceId* maintenance_named(const Event& event) {
  if (const auto* e = std::get_if<MaintenanceDefined>(&event)) return &e->spec.id;
  if (const auto* e = std::get_if<MaintenanceRemoved>(&event)) return &e->window;
  if (const auto* e = std::get_if<MaintenanceStarted>(&event)) return &e->window;
  if (const auto* e = std::get_if<MaintenanceEnded>(&event)) return &e->window;
  return nullptr;
}

void fold(MaintenanceRecord& record, const Event& event, Timestamp) {
  if (const auto* defined = std::get_if<MaintenanceDefined>(&event)) {
    // A redefinition starts afresh: the decider ends an open occurrence
    // first, and the calendar opens the new spec's current one, if any.
    record = MaintenanceRecord{defined->spec, defined->by, false, {}, std::nullopt, false};
  } else if (std::holds_alternative<MaintenanceRemoved>(event)) {
    record.removed = true;
    record.open = false;
  } else if (const auto* started = std::get_if<MaintenanceStarted>(&event)) {
    record.open = true;
    record.ends_at = started->ends_at;
    record.last_occurrence_start = started->occurrence_start;
  } else if (std::holds_alternative<MaintenanceEnded>(event)) {
    record.open = false;
  }
}

}  // namespace nyxmon::domain
