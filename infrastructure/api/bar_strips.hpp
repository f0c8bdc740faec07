// bar_strips.hpp — the strips of small bars the pages draw: uptime per hour
// or day (colour by the share of good results; the time before a check was
// first watched kept blank, not drawn as missing), and a check's last runs,
// one bar each (colour by outcome; the title tells time, latency, outcome
// and reason).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "infrastructure/api/engine_view.hpp"

namespace nyxmon::infra::api {

// `days`: the bars are days (titles give the date, not the hour).
std::string uptime_strip_html(std::span<const UptimeBar> bars, std::string_view label, bool days);

// kRecentRuns places, the newest run last; places of runs not made yet blank.
std::string runs_strip_html(const CheckView& check);

}  // namespace nyxmon::infra::api
