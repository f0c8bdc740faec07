#include "domain/decisions/working_state.hpp"

#include <algorithm>

#include "domain/state/event_route.hpp"

namespace nyxmon::domain {
namespace {

// Folds `event` into this batch's copy of the record `id`, made from `base`
// (the engine state's, or none) on first use.
template <class Id, class Record>
void fold_into_copy(std::map<Id, Record>& copies, const Id& id, const Record* base,
                    const Event& event, Timestamp at) {
  auto it = copies.find(id);
  if (it == copies.end()) it = copies.emplace(id, base ? *base : Record{}).first;
  fold(it->second, event, at);
}

}  // namespace

const CheckRecord* WorkingState::find_check(const CheckId& id) const {
  if (auto it = checks_.find(id); it != checks_.end()) return &it->second;
  return base_.find_check(id);
}

const ServiceRecord* WorkingState::find_service(const ServiceId& id) const {
  if (auto it = services_.find(id); it != services_.end()) return &it->second;
  return base_.find_service(id);
}

const NotifierSpec* WorkingState::find_notifier(const NotifierId& id) const {
  if (auto it = notifiers_.find(id); it != notifiers_.end()) {
    return it->second ? &*it->second : nullptr;
  }
  return base_.find_notifier(id);
}

const MaintenanceRecord* WorkingState::find_maintenance(const MaintenanceId& id) const {
  if (auto it = windows_.find(id); it != windows_.end()) return &it->second;
  return base_.find_maintenance(id);
}

std::vector<const MaintenanceRecord*> WorkingState::open_windows() const {
  std::map<MaintenanceId, const MaintenanceRecord*> all;
  for (const MaintenanceRecord* base : base_.maintenance_windows())
    all.emplace(base->spec.id, base);
  for (const auto& [id, window] : windows_)
    all[id] = &window;
  std::vector<const MaintenanceRecord*> open;
  for (const auto& [id, window] : all) {
    if (window->open && !window->removed) open.push_back(window);
  }
  return open;
}

const SilenceRecord* WorkingState::find_silence(const SilenceId& id) const {
  if (auto it = silences_.find(id); it != silences_.end()) return &it->second;
  return base_.find_silence(id);
}

const SilenceRecord* WorkingState::silence_holding(const CheckSpec& check,
                                                   const NotifierId& notifier, Timestamp at) const {
  std::map<SilenceId, const SilenceRecord*> all;
  for (const SilenceRecord* base : base_.silences())
    all.emplace(base->spec.id, base);
  for (const auto& [id, silence] : silences_)
    all[id] = &silence;
  for (const auto& [id, silence] : all) {
    if (silence->active_at(at) && silence->spec.matches(check, notifier)) return silence;
  }
  return nullptr;
}

std::vector<const MaintenanceRecord*> WorkingState::open_windows_covering(
    const CheckSpec& check) const {
  std::vector<const MaintenanceRecord*> covering;
  for (const MaintenanceRecord* window : open_windows()) {
    if (window->spec.scope.covers(check)) covering.push_back(window);
  }
  return covering;
}

NotificationId WorkingState::last_notification() const {
  return last_notification_;
}

std::vector<std::pair<CheckId, RunId>> WorkingState::runs_in_flight() const {
  std::map<CheckId, RunId> runs;
  for (const auto& [check, run] : base_.runs_in_flight())
    runs.emplace(check, run);
  for (const auto& [check, record] : checks_) {
    if (record.run_in_flight && !record.removed)
      runs[check] = *record.run_in_flight;
    else
      runs.erase(check);
  }
  return {runs.begin(), runs.end()};
}

std::vector<CheckId> WorkingState::check_ids() const {
  std::vector<CheckId> ids = base_.check_ids();
  for (const auto& [id, record] : checks_) {
    if (!std::binary_search(ids.begin(), ids.end(), id))
      ids.insert(std::upper_bound(ids.begin(), ids.end(), id), id);
  }
  return ids;
}

CheckRecord& WorkingState::check_copy(const CheckId& id) {
  auto it = checks_.find(id);
  if (it == checks_.end()) {
    const CheckRecord* base = base_.find_check(id);
    it = checks_.emplace(id, base ? *base : CheckRecord{}).first;
  }
  return it->second;
}

ServiceRecord& WorkingState::service_copy(const ServiceId& id) {
  auto it = services_.find(id);
  if (it == services_.end()) {
    const ServiceRecord* base = base_.find_service(id);
    it = services_.emplace(id, base ? *base : ServiceRecord{}).first;
  }
  return it->second;
}

void WorkingState::fold(const Event& event, Timestamp at) {
  if (const auto* defined = std::get_if<NotifierDefined>(&event)) {
    notifiers_[defined->spec->id] = *defined->spec;
    return;
  }
  if (const auto* removed = std::get_if<NotifierRemoved>(&event)) {
    notifiers_[removed->notifier] = std::nullopt;
    return;
  }
  if (const MaintenanceId* window = maintenance_named(event)) {
    fold_into_copy(windows_, *window, base_.find_maintenance(*window), event, at);
    return;
  }
  if (const SilenceId* silence = silence_named(event)) {
    fold_into_copy(silences_, *silence, base_.find_silence(*silence), event, at);
    return;
  }
  if (const auto* requested = std::get_if<NotificationRequested>(&event))
    last_notification_ = std::max(last_notification_, requested->notification);
  const EventRoute to = route(event, [&](const CheckId& id) -> const ServiceId* {
    const CheckRecord* before = find_check(id);
    return before && !before->removed ? &before->spec->service : nullptr;
  });
  // to.every_check (EngineStarted) is left to the engine state: it is
  // decided alone in its batch, so nothing after it here would see it.
  if (to.left_service) nyxmon::domain::fold(service_copy(*to.left_service), event, at);
  if (to.service) nyxmon::domain::fold(service_copy(*to.service), event, at);
  if (to.check) nyxmon::domain::fold(check_copy(*to.check), event, at);
}

}  // namespace nyxmon::domain
