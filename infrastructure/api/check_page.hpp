// check_page.hpp — the page of one check (/checks/ID): its status and why,
// the response-time chart of the last hour, day or week with its phases and
// warn threshold, uptime per day for 90 days, the last 60 runs, its
// incidents, its definition, and, while it has a problem, "why is it
// down?": the results and decisions behind it as `nyxmon replay --explain`
// tells them. With ?at= it shows the check at that instant, with buttons
// that step through its status changes.
#pragma once

#include <string>
#include <string_view>

#include "infrastructure/api/check_history.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/page_parts.hpp"
#include "infrastructure/api/response_chart.hpp"

namespace nyxmon::infra::api {

// The chart windows a visitor picks with ?range=.
struct ChartRange {
  std::string_view key;    // "1h", "24h", "7d"
  std::string_view label;  // "last hour"
  domain::Duration length{};
};
// nullopt for a key that is none of them; "" is the day.
std::optional<ChartRange> chart_range(std::string_view key);

struct CheckPageParts {
  const EngineView& view;
  const CheckView& check;
  const CheckHistory& history;
  ChartRange range;
  // Show the definition's targets and commands: false for a visitor who
  // reads a public page without logging in.
  bool show_targets = true;
};

std::string check_page(const CheckPageParts& parts, const PageContext& page);

}  // namespace nyxmon::infra::api
