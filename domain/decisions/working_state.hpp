// working_state.hpp — the decider's view during one batch: the engine state
// as appended so far, plus the events decided earlier in the same batch.
//
// Commands of one batch must see each other's effects (two results of one
// check, a definition then a pause) before anything is appended. Records a
// command touches are copied on first use and folded forward here; the
// engine state itself changes only after the batch is appended.
#pragma once

#include <map>
#include <optional>

#include "domain/state/engine_state.hpp"

namespace nyxmon::domain {

class WorkingState {
 public:
  explicit WorkingState(const EngineStateView& base) : base_(base) {}

  const CheckRecord* find_check(const CheckId& id) const;
  const ServiceRecord* find_service(const ServiceId& id) const;
  const NotifierSpec* find_notifier(const NotifierId& id) const;
  const MaintenanceRecord* find_maintenance(const MaintenanceId& id) const;
  // The open maintenance windows that cover `check`, in id order.
  std::vector<const MaintenanceRecord*> open_windows_covering(const CheckSpec& check) const;
  // Every open maintenance window, in id order.
  std::vector<const MaintenanceRecord*> open_windows() const;
  const SilenceRecord* find_silence(const SilenceId& id) const;
  // The first silence (in id order) active at `at` that holds a
  // notification of `check` to `notifier`, or nullptr.
  const SilenceRecord* silence_holding(const CheckSpec& check, const NotifierId& notifier,
                                       Timestamp at) const;
  NotificationId next_notification_id() { return ++last_notification_; }
  NotificationId last_notification() const;
  std::vector<std::pair<CheckId, RunId>> runs_in_flight() const;
  // Every check ever defined, this batch's included, in id order.
  std::vector<CheckId> check_ids() const;

  // Folds a decided event into the copies it concerns.
  void fold(const Event& event, Timestamp at);

 private:
  CheckRecord& check_copy(const CheckId& id);
  ServiceRecord& service_copy(const ServiceId& id);

  const EngineStateView& base_;
  std::map<CheckId, CheckRecord> checks_;
  std::map<ServiceId, ServiceRecord> services_;
  std::map<NotifierId, std::optional<NotifierSpec>> notifiers_;
  std::map<MaintenanceId, MaintenanceRecord> windows_;
  std::map<SilenceId, SilenceRecord> silences_;
  NotificationId last_notification_ = base_.last_notification();
};

}  // namespace nyxmon::domain
