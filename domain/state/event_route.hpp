// event_route.hpp — which records an event changes: the one routing rule
// from an event to the check and service records whose folds must see it.
// The decider's working state, the projections and what-if all route
// through it, so they cannot disagree about who an event concerns.
#pragma once

#include <optional>
#include <type_traits>
#include <variant>

#include "domain/events/event.hpp"

namespace nyxmon::domain {

struct EventRoute {
  const CheckId* check = nullptr;      // the check whose record folds it
  const ServiceId* service = nullptr;  // the service whose record folds it
  // The service a check leaves (moved to another by a redefinition, or
  // removed): its record folds the event too.
  std::optional<ServiceId> left_service;
  bool every_check = false;  // EngineStarted: every check's record folds it
};

// The check an event is about, if any (the key to look its record up by).
const CheckId* check_named(const Event& event);

// Where `event` goes. `check_is_in(id)` answers the service the check `id`
// is a live member of before the event (a const ServiceId*, null when
// none); each caller knows it its own way, and it is asked only for the
// events that move a check between services (defined, redefined, removed).
template <class MembershipLookup>
EventRoute route(const Event& event, MembershipLookup check_is_in) {
  EventRoute to;
  to.check = check_named(event);
  std::visit(
      [&](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        if constexpr (std::is_same_v<T, ServiceDefined>) {
          to.service = &typed.spec.id;
        } else if constexpr (std::is_same_v<T, ServiceRemoved> ||
                             std::is_same_v<T, ServiceStatusChanged>) {
          to.service = &typed.service;
        } else if constexpr (std::is_same_v<T, CheckDefined> || std::is_same_v<T, CheckRedefined>) {
          to.service = &typed.spec->service;
          const ServiceId* was_in = check_is_in(typed.spec->id);
          if (was_in && *was_in != typed.spec->service) to.left_service = *was_in;
        } else if constexpr (std::is_same_v<T, CheckRemoved>) {
          if (const ServiceId* was_in = check_is_in(typed.check)) to.left_service = *was_in;
        } else if constexpr (std::is_same_v<T, EngineStarted>) {
          to.every_check = true;
        }
      },
      event);
  return to;
}

// The route of an event for a caller that only wants its check.
inline EventRoute route(const Event& event) {
  return route(event, [](const CheckId&) -> const ServiceId* { return nullptr; });
}

}  // namespace nyxmon::domain
