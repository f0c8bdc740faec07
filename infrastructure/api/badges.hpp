// badges.hpp — shields-style SVG badges of one check, for READMEs and
// wikis: /badge/CHECK/status.svg ("api | up"), /badge/CHECK/uptime-30d.svg
// ("uptime 30d | 99.95%") and /badge/CHECK/response-24h.svg ("response 24h
// | 42 ms", the median of the day's good runs). Public only when the status
// page is, and then only for the checks it shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "infrastructure/api/engine_view.hpp"

namespace nyxmon::infra::api {

// The badge named `name` ("status.svg", ...) of `check`; nullopt for a name
// that is none of them.
std::optional<std::string> check_badge(const CheckView& check, std::string_view name,
                                       domain::Timestamp now);

// A two-part badge: `label` on grey, `value` on `colour` ("#17803d").
std::string badge_svg(std::string_view label, std::string_view value, std::string_view colour);

}  // namespace nyxmon::infra::api
