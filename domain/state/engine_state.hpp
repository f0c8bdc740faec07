// engine_state.hpp — the state decisions are made from, as the message bus
// sees it: read access for the decider, and apply() for the events the bus
// has appended. The projections implement it; the decider layers a working
// copy over it for the commands of one batch.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "domain/events/envelope.hpp"
#include "domain/model/notifier_spec.hpp"
#include "domain/state/check_record.hpp"
#include "domain/state/maintenance_record.hpp"
#include "domain/state/service_record.hpp"
#include "domain/state/silence_record.hpp"

namespace nyxmon::domain {

class EngineStateView {
 public:
  virtual ~EngineStateView() = default;
  // nullptr when never defined. Removed ones are returned, marked removed.
  virtual const CheckRecord* find_check(const CheckId& id) const = 0;
  virtual const ServiceRecord* find_service(const ServiceId& id) const = 0;
  virtual const NotifierSpec* find_notifier(const NotifierId& id) const = 0;
  virtual const MaintenanceRecord* find_maintenance(const MaintenanceId& id) const = 0;
  // Every maintenance window ever defined, removed ones included, in id
  // order. Windows are few: the decider scans them.
  virtual std::vector<const MaintenanceRecord*> maintenance_windows() const = 0;
  virtual const SilenceRecord* find_silence(const SilenceId& id) const = 0;
  // Every silence ever defined, in id order. Silences are few: the decider
  // scans them.
  virtual std::vector<const SilenceRecord*> silences() const = 0;
  // Every check ever defined, removed ones included, in id order. O(checks):
  // for a maintenance window that covers everything.
  virtual std::vector<CheckId> check_ids() const = 0;
  // The newest notification id handed out (0 before the first).
  virtual NotificationId last_notification() const = 0;
  // Every live check with a run scheduled and no result yet, with that run,
  // in check id order. O(checks): for start and stop.
  virtual std::vector<std::pair<CheckId, RunId>> runs_in_flight() const = 0;
};

class EngineState : public EngineStateView {
 public:
  // Applies one appended event. Events arrive in global-sequence order.
  virtual void apply(const Envelope& envelope) = 0;
};

}  // namespace nyxmon::domain
