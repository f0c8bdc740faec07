// maintenance_windows.hpp — every maintenance window's current record:
// spec, who defined it, whether an occurrence is open and until when.
// Folded from the windows' own streams.
#pragma once

#include "domain/state/maintenance_record.hpp"
#include "projections/keyed_records.hpp"

namespace nyxmon::projections {

struct MaintenanceWindowTraits {
  using Id = domain::MaintenanceId;
  using Record = domain::MaintenanceRecord;
  static constexpr std::string_view kMagic = "MNTW";
  static constexpr std::string_view kWhat = "maintenance windows";
  static const Id* named(const domain::Event& event) { return domain::maintenance_named(event); }
};

using MaintenanceWindows = KeyedRecords<MaintenanceWindowTraits>;

}  // namespace nyxmon::projections
