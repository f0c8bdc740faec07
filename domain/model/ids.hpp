// ids.hpp — names of the things nyxmon monitors, and the event streams they
// live in.
//
// Services, checks and notifiers are named by the operator in configuration
// ("api", "api-health"): 1 to 64 characters of a-z, 0-9, '_', '.', '-',
// starting with a letter or digit. Runs and notifications are numbered.
// Maintenance windows and silences are named the same way, by the operator
// or by whoever creates one ad hoc.
// Streams: "service-<id>", "check-<id>", "notify-<id>", "maintenance-<id>",
// "silence-<id>" and "engine".
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::domain {

template <class Tag>
struct StringId {
  std::string value;

  auto operator<=>(const StringId&) const = default;
  bool operator==(const StringId&) const = default;
  bool empty() const { return value.empty(); }

  template <class Archive>
  void serialize(Archive& archive) {
    archive(value);
  }
};

using ServiceId = StringId<struct ServiceIdTag>;
using CheckId = StringId<struct CheckIdTag>;
using NotifierId = StringId<struct NotifierIdTag>;
using MaintenanceId = StringId<struct MaintenanceIdTag>;
using SilenceId = StringId<struct SilenceIdTag>;

// Per check, counting up from 1 with every run scheduled.
using RunId = std::uint64_t;
// Engine-wide, counting up from 1 with every notification requested.
using NotificationId = std::uint64_t;

// Why `text` is not a valid id, or nullopt when it is.
std::optional<std::string> id_problem(std::string_view text);

inline constexpr std::string_view kEngineStream = "engine";
std::string stream_of(const ServiceId& id);
std::string stream_of(const CheckId& id);
std::string stream_of(const NotifierId& id);
std::string stream_of(const MaintenanceId& id);
std::string stream_of(const SilenceId& id);

}  // namespace nyxmon::domain

template <class Tag>
struct std::hash<nyxmon::domain::StringId<Tag>> {
  std::size_t operator()(const nyxmon::domain::StringId<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.value);
  }
};
