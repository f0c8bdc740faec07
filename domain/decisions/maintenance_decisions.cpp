#include "domain/decisions/deciding.hpp"

#include <set>

#include "domain/model/bounded_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::domain::deciding {

void Deciding::hold_for_maintenance(const CheckSpec& spec, Step& stepped) {
  if (!stepped.change || !is_problem(stepped.change->to)) return;
  const auto windows = state_.open_windows_covering(spec);
  if (windows.empty()) return;
  hold(stepped, Status::kMaintenance,
       "maintenance window " + quoted(windows.front()->spec.id.value) + " is open");
}

std::vector<CheckId> Deciding::covered_checks(const MaintenanceSpec& window) {
  std::vector<CheckId> covered;
  auto consider = [&](const CheckId& id) {
    const CheckRecord* record = state_.find_check(id);
    if (record && !record->removed && window.scope.covers(*record->spec)) covered.push_back(id);
  };
  if (window.scope.everything) {
    for (const CheckId& id : state_.check_ids())
      consider(id);
    return covered;
  }
  std::set<CheckId> named(window.scope.checks.begin(), window.scope.checks.end());
  for (const ServiceId& service : window.scope.services) {
    if (const ServiceRecord* record = state_.find_service(service); record && !record->removed)
      named.insert(record->checks.begin(), record->checks.end());
  }
  for (const CheckId& id : named)
    consider(id);
  return covered;
}

const MaintenanceRecord* Deciding::live_window(const MaintenanceId& id) {
  const MaintenanceRecord* window = state_.find_maintenance(id);
  if (window == nullptr || window->removed) {
    reject(
        Error::not_found("maintenance window " + quoted(id.value) + " is not defined", id.value));
    return nullptr;
  }
  return window;
}

void Deciding::end_window(const MaintenanceId& id, const std::string& why, const std::string& by) {
  const MaintenanceSpec spec = state_.find_maintenance(id)->spec;
  emit(MaintenanceEnded{id, why, by});
  const std::string what = "maintenance window " + quoted(id.value) + " ended (" + why + ")";
  for (const CheckId& check : covered_checks(spec)) {
    const CheckRecord* record = state_.find_check(check);
    if (!state_.open_windows_covering(*record->spec).empty()) continue;
    tell_maintenance(check, NotificationKind::kMaintenanceEnded, what);
    if (state_.find_check(check)->state.status == Status::kMaintenance)
      release(check, "maintenance window " + quoted(id.value) + " ended");
  }
}

void Deciding::operator()(const DefineMaintenance& c) {
  if (auto problems = validate(c.spec, "maintenance"); !problems.empty()) return refuse(problems);
  for (const CheckId& check : c.spec.scope.checks) {
    if (!live_check(check)) return;
  }
  for (const ServiceId& service : c.spec.scope.services) {
    const ServiceRecord* record = state_.find_service(service);
    if (record == nullptr || record->removed) {
      return reject(
          Error::not_found("service " + quoted(service.value) + " is not defined", service.value));
    }
  }
  const MaintenanceRecord* existing = state_.find_maintenance(c.spec.id);
  const std::string by = bounded_text(c.by, kMaxNameBytes);
  if (existing && !existing->removed) {
    if (existing->spec == c.spec) return;
    if (existing->open) end_window(c.spec.id, "the window was redefined", by);
  }
  MaintenanceSpec spec = c.spec;
  spec.comment = bounded_text(spec.comment, kMaxCommentBytes);
  emit(MaintenanceDefined{std::move(spec), by});
}

void Deciding::operator()(const RemoveMaintenance& c) {
  const MaintenanceRecord* window = live_window(c.window);
  if (!window) return;
  const std::string by = bounded_text(c.by, kMaxNameBytes);
  if (window->open) end_window(c.window, "the window was removed", by);
  emit(MaintenanceRemoved{c.window, by});
}

void Deciding::operator()(const StartMaintenance& c) {
  const MaintenanceRecord* window = live_window(c.window);
  if (!window) return;
  if (window->open) {
    return reject(Error::conflict(
        "maintenance window " + quoted(c.window.value) + " is already open", c.window.value));
  }
  if (window->last_occurrence_start == c.occurrence_start || c.ends_at <= now_) {
    return reject(Error::conflict(
        "that occurrence of maintenance window " + quoted(c.window.value) + " is over",
        c.window.value));
  }
  const MaintenanceSpec spec = window->spec;
  emit(MaintenanceStarted{c.window, c.occurrence_start, c.ends_at});
  const std::string what = "maintenance window " + quoted(c.window.value) + " started (until " +
                           format_timestamp(c.ends_at) + ")";
  for (const CheckId& check : covered_checks(spec)) {
    tell_maintenance(check, NotificationKind::kMaintenanceStarted, what);
    const CheckRecord* record = state_.find_check(check);
    if (!is_problem(record->state.status)) continue;
    change_status(*record, record->state.status, Status::kMaintenance, 0,
                  "maintenance window " + quoted(c.window.value) + " started → maintenance",
                  record->status_reason);
  }
}

void Deciding::operator()(const EndMaintenance& c) {
  const MaintenanceRecord* window = live_window(c.window);
  if (!window) return;
  const std::string by = bounded_text(c.by, kMaxNameBytes);
  // A one-off window made ad hoc is over once a person ends it.
  const bool one_off = !window->spec.weekly && !window->spec.from_configuration;
  if (!window->open && !(one_off && !by.empty())) {
    return reject(Error::conflict("maintenance window " + quoted(c.window.value) + " is not open",
                                  c.window.value));
  }
  if (window->open) end_window(c.window, by.empty() ? "its time was up" : "ended by " + by, by);
  if (one_off && !by.empty()) emit(MaintenanceRemoved{c.window, by});
}

}  // namespace nyxmon::domain::deciding
