// incidents_page.hpp — /incidents: the open and recent incidents of every
// check (the projection keeps each check's open one and its last five),
// newest first, with their cause, how long they lasted and the
// notifications they gave; ?service=ID keeps one service's. With ?at= it
// shows them as they stood then.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "infrastructure/api/check_history.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

struct ShownIncident {
  projections::Incident incident;
  const CheckView* check = nullptr;
  std::vector<IncidentNotice> notices;
};

// The incidents the page lists: of the services `page` may show (and of
// `service` when not empty), open first, then newest first; at most `limit`.
std::vector<ShownIncident> incidents_to_show(const EngineView& view, const PageContext& page,
                                             const std::string& service, std::size_t limit);

std::string incidents_page(const EngineView& view, const std::vector<ShownIncident>& incidents,
                           const std::string& service, const PageContext& page);

}  // namespace nyxmon::infra::api
