// status_page.hpp — the page at `/`: every service and check with its
// status, since when, latency, its last 60 runs and uptime bars for the
// last 24 hours and 30 days (hours and days before the check was first
// watched left blank), each check linking to its page,
// rendered on the server so that it reads without JavaScript. A small
// script fetches `/?fragment=board` every 10 s and swaps the board in place;
// without JavaScript, a <noscript> refresh reloads the page every 30 s. A
// page of the past (?at=) is not refreshed.
#pragma once

#include <string>

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

// The whole page. Services and checks come problems first (down, degraded,
// unreachable, maintenance, pending, paused, up), under counts per status;
// a visitor without a login sees only `page.services` when it lists any.
std::string status_page(const EngineView& view, const PageContext& page);
// Only the board (what the script swaps in).
std::string status_board(const EngineView& view, const PageContext& page);

}  // namespace nyxmon::infra::api
