// maintenance_clock.hpp — opens and closes the occurrences of maintenance
// windows on time: each turn it asks the calendar about the windows whose
// next transition is due and submits StartMaintenance or EndMaintenance
// (an occurrence missed while the engine was down ends at the first turn).
// A window whose time zone the tz database lacks is logged once and left
// closed.
//
// A CorePart: runs on the core thread (on_turn), reading the projections.
#pragma once

#include <map>
#include <optional>

#include "domain/state/maintenance_record.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class MaintenanceClock : public CorePart {
 public:
  explicit MaintenanceClock(CoreLoop& core) : core_(core) {}

  std::optional<domain::Timestamp> on_turn(domain::Timestamp now) override;

 private:
  struct Known {
    domain::MaintenanceRecord record;       // as last looked at
    std::optional<domain::Timestamp> next;  // when to look again; nullopt: on change only
  };

  // Submits what is due for `record` at `now`; returns when to look again.
  std::optional<domain::Timestamp> look_at(const domain::MaintenanceRecord& record,
                                           domain::Timestamp now);

  CoreLoop& core_;
  std::map<domain::MaintenanceId, Known> known_;
};

}  // namespace nyxmon::infra::runtime
