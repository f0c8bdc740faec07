// response_chart.hpp — the check page's response-time chart: an SVG, drawn
// on the server, of a check's runs over a window (an hour, a day, a week).
// The window is cut into columns; each column stacks the mean phases of its
// good runs (resolve, connect, TLS, waiting for the first byte, the rest of
// the transfer), failed runs are marked under it, and the warn threshold,
// when the check has one, is a dashed line. Each column's <title> tells its
// figures, so that hovering (or a screen reader) reads them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/time.hpp"
#include "infrastructure/api/check_history.hpp"

namespace nyxmon::infra::api {

struct ChartWindow {
  domain::Timestamp from{};
  domain::Timestamp until{};
  std::string_view label;  // "last 24 hours"
};

std::string response_chart_svg(std::span<const RunPoint> runs, const ChartWindow& window,
                               std::optional<domain::Duration> warn_threshold);

}  // namespace nyxmon::infra::api
