// event.hpp — the event catalogue as one type, and what every event can say
// about itself: its stable tag, its name and its schema version.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "domain/events/decision_events.hpp"
#include "domain/events/definition_events.hpp"
#include "domain/events/engine_events.hpp"
#include "domain/events/maintenance_events.hpp"
#include "domain/events/notification_events.hpp"
#include "domain/events/run_events.hpp"
#include "domain/events/silence_events.hpp"

namespace nyxmon::domain {

using Event =
    std::variant<ServiceDefined, ServiceRemoved, CheckDefined, CheckRedefined, CheckPaused,
                 CheckResumed, CheckRemoved, NotifierDefined, NotifierRemoved, CheckScheduled,
                 CheckResultRecorded, HeartbeatReceived, CheckStatusChanged, CheckFlappingStarted,
                 CheckFlappingStopped, ServiceStatusChanged, NotificationRequested,
                 NotificationDelivered, NotificationFailed, EngineStarted, EngineStopped,
                 HistoryTruncated, CheckRunAbandoned, EventsLost, NotificationAbandoned,
                 CheckAcknowledged, CheckAcknowledgementCleared, MaintenanceDefined,
                 MaintenanceRemoved, MaintenanceStarted, MaintenanceEnded, SilenceDefined,
                 SilenceEnded, NotificationSilenced>;

std::uint32_t tag_of(const Event& event);
std::string_view name_of(const Event& event);
std::uint16_t schema_version_of(const Event& event);

// The tag of the event type called `name` ("CheckStatusChanged"), for
// filters typed by people; nullopt for an unknown name.
std::optional<std::uint32_t> tag_named(std::string_view name);
// The name of the event type with `tag`, or nullopt.
std::optional<std::string_view> name_of_tag(std::uint32_t tag);

// The stream an event belongs to ("check-api", "engine", ...).
std::string stream_for(const Event& event);

}  // namespace nyxmon::domain
