// maintenance_events.hpp — the life of a maintenance window: defined (from
// the configuration or ad hoc), each occurrence started and ended, removed.
// All live in the window's stream "maintenance-<id>". The status changes a
// window causes are CheckStatusChanged events of the checks it covers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model/maintenance_spec.hpp"

namespace nyxmon::domain {

struct MaintenanceDefined {
  static constexpr std::uint32_t kTag = 46;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "MaintenanceDefined";
  MaintenanceSpec spec;
  std::string by;  // "configuration", a user name, "api"
  bool operator==(const MaintenanceDefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, by);
  }
};

// The window is gone (taken out of the configuration, or a one-off ended by
// a person); an open occurrence ends first, with its own event.
struct MaintenanceRemoved {
  static constexpr std::uint32_t kTag = 47;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "MaintenanceRemoved";
  MaintenanceId window;
  std::string by;
  bool operator==(const MaintenanceRemoved&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(window, by);
  }
};

struct MaintenanceStarted {
  static constexpr std::uint32_t kTag = 48;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "MaintenanceStarted";
  MaintenanceId window;
  Timestamp occurrence_start{};  // as the calendar says (the event may come later)
  Timestamp ends_at{};
  bool operator==(const MaintenanceStarted&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(window, occurrence_start, ends_at);
  }
};

struct MaintenanceEnded {
  static constexpr std::uint32_t kTag = 49;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "MaintenanceEnded";
  MaintenanceId window;
  std::string why;  // "its time was up", "ended by alice", "the window was removed"
  std::string by;   // who ended it; empty when its time was up
  bool operator==(const MaintenanceEnded&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(window, why, by);
  }
};

}  // namespace nyxmon::domain
