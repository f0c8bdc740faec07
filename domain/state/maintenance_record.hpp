// maintenance_record.hpp — what the engine knows about one maintenance
// window now: its spec, whether an occurrence is open and until when, and
// which occurrence was the last to start (so that one ended early by a
// person is not started again by the calendar). A redefinition starts
// afresh.
#pragma once

#include <optional>
#include <string>

#include "domain/events/event.hpp"
#include "domain/model/maintenance_spec.hpp"

namespace nyxmon::domain {

struct MaintenanceRecord {
  MaintenanceSpec spec;
  std::string defined_by;
  bool open = false;
  Timestamp ends_at{};  // of the open occurrence
  std::optional<Timestamp> last_occurrence_start;
  bool removed = false;

  bool operator==(const MaintenanceRecord&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, defined_by, open, ends_at, last_occurrence_start, removed);
  }
};

// The window an event is about, or nullptr for events of other streams.
const MaintenanceId* maintenance_named(const Event& event);

// Applies one event of this window's stream (others are ignored).
void fold(MaintenanceRecord& record, const Event& event, Timestamp at);

}  // namespace nyxmon::domain
