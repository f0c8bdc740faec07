// projections.hpp — all read models together, folded from one stream of
// events in global-sequence order, and the engine state the message bus
// decides from.
//
// apply() hands each event to every projection (the schedule follows the
// check states). snapshot() writes them all with one checkpoint; restore()
// reads them back, and folding the rest of the log from there gives the
// same bytes as folding everything (tested).
//
// Not thread-safe: owned by the core thread; others read a copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/state/engine_state.hpp"
#include "projections/check_states.hpp"
#include "projections/check_statistics.hpp"
#include "projections/incidents.hpp"
#include "projections/maintenance_windows.hpp"
#include "projections/notification_outbox.hpp"
#include "projections/schedule.hpp"
#include "projections/service_states.hpp"
#include "projections/silences.hpp"

namespace nyxmon::projections {

class Projections : public domain::EngineState {
 public:
  void apply(const domain::Envelope& envelope) override;

  const domain::CheckRecord* find_check(const domain::CheckId& id) const override {
    return checks_.find(id);
  }
  const domain::ServiceRecord* find_service(const domain::ServiceId& id) const override {
    return services_.find(id);
  }
  const domain::NotifierSpec* find_notifier(const domain::NotifierId& id) const override {
    return outbox_.notifier(id);
  }
  const domain::MaintenanceRecord* find_maintenance(
      const domain::MaintenanceId& id) const override {
    return maintenance_.find(id);
  }
  std::vector<const domain::MaintenanceRecord*> maintenance_windows() const override {
    return maintenance_.all();
  }
  const domain::SilenceRecord* find_silence(const domain::SilenceId& id) const override {
    return silences_.find(id);
  }
  std::vector<const domain::SilenceRecord*> silences() const override { return silences_.all(); }
  std::vector<domain::CheckId> check_ids() const override;
  domain::NotificationId last_notification() const override { return outbox_.last_notification(); }
  std::vector<std::pair<domain::CheckId, domain::RunId>> runs_in_flight() const override;

  const CheckStates& checks() const { return checks_; }
  const ServiceStates& services() const { return services_; }
  const Schedule& schedule() const { return schedule_; }
  Schedule& schedule() { return schedule_; }
  const CheckStatistics& statistics() const { return statistics_; }
  // A check's statistics by id (empty ones for a check without results).
  std::shared_ptr<const CheckStatistics::Rings> rings(const domain::CheckId& check) const;
  WindowStats window(const domain::CheckId& check, StatsWindow window, domain::Timestamp now) const;
  const Incidents& incidents() const { return incidents_; }
  const NotificationOutbox& outbox() const { return outbox_; }
  const MaintenanceWindows& maintenance() const { return maintenance_; }
  const Silences& silence_records() const { return silences_; }

  // The last global sequence applied (0 before any).
  std::uint64_t checkpoint() const { return checkpoint_; }
  // The recorded-at time of the last event applied.
  domain::Timestamp last_event_at() const { return last_event_at_; }

  // Puts a check back in the schedule from its record (after a RunCheck was
  // rejected, for instance).
  void requeue(const domain::CheckId& id);

  std::string snapshot() const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  CheckStates checks_;
  ServiceStates services_;
  Schedule schedule_;
  CheckStatistics statistics_;
  Incidents incidents_;
  NotificationOutbox outbox_;
  MaintenanceWindows maintenance_;
  Silences silences_;
  std::uint64_t checkpoint_ = 0;
  domain::Timestamp last_event_at_{};
};

}  // namespace nyxmon::projections
