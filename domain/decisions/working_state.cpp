#include "domain/decisions/working_state.hpp"

namespace nyxmon::domain {

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
  std::visit(
      [&](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        if constexpr (std::is_same_v<T, ServiceDefined>) {
          nyxmon::domain::fold(service_copy(typed.spec.id), event, at);
        } else if constexpr (std::is_same_v<T, ServiceRemoved>) {
          nyxmon::domain::fold(service_copy(typed.service), event, at);
        } else if constexpr (std::is_same_v<T, ServiceStatusChanged>) {
          nyxmon::domain::fold(service_copy(typed.service), event, at);
        } else if constexpr (std::is_same_v<T, CheckDefined> || std::is_same_v<T, CheckRedefined>) {
          const CheckRecord* before = find_check(typed.spec.id);
          if (before && !before->removed && before->spec.service != typed.spec.service) {
            nyxmon::domain::fold(service_copy(before->spec.service), event, at);
          }
          nyxmon::domain::fold(service_copy(typed.spec.service), event, at);
          nyxmon::domain::fold(check_copy(typed.spec.id), event, at);
        } else if constexpr (std::is_same_v<T, CheckRemoved>) {
          if (const CheckRecord* before = find_check(typed.check)) {
            nyxmon::domain::fold(service_copy(before->spec.service), event, at);
          }
          nyxmon::domain::fold(check_copy(typed.check), event, at);
        } else if constexpr (std::is_same_v<T, NotifierDefined>) {
          notifiers_[typed.spec.id] = typed.spec;
        } else if constexpr (std::is_same_v<T, NotifierRemoved>) {
          notifiers_[typed.notifier] = std::nullopt;
        } else if constexpr (std::is_same_v<T, NotificationRequested>) {
          last_notification_ = std::max(last_notification_, typed.notification);
          nyxmon::domain::fold(check_copy(typed.check), event, at);
        } else if constexpr (requires { typed.check; }) {
          nyxmon::domain::fold(check_copy(typed.check), event, at);
        }
      },
      event);
}

}  // namespace nyxmon::domain
