// maintenance_windows.hpp — every maintenance window's current record:
// spec, who defined it, whether an occurrence is open and until when.
// Folded from the windows' own streams.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "domain/state/maintenance_record.hpp"

namespace nyxmon::projections {

class MaintenanceWindows {
 public:
  void apply(const domain::Envelope& envelope);

  const domain::MaintenanceRecord* find(const domain::MaintenanceId& id) const;
  std::vector<const domain::MaintenanceRecord*> all() const;  // in id order, removed ones too

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  std::map<domain::MaintenanceId, domain::MaintenanceRecord> records_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
