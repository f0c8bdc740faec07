#include "infrastructure/api/bar_strips.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iterator>

#include "domain/model/time_text.hpp"
#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

std::string uptime_strip_html(std::span<const UptimeBar> bars, std::string_view label, bool days) {
  std::string out = fmt::format("<div class=\"bars\" role=\"img\" aria-label=\"{}\">", label);
  bool watched = false;
  for (const UptimeBar& bar : bars) {
    const char* level = "none";
    std::string title = format_timestamp(bar.start).substr(0, days ? 10 : 16);
    watched = watched || bar.results > 0;
    if (!watched) {
      out += fmt::format("<i class=\"unwatched\" title=\"{}: not watched yet\"></i>", title);
      continue;
    }
    if (bar.results > 0) {
      const double ratio = static_cast<double>(bar.good) / bar.results;
      level = ratio >= 0.999 ? "good" : ratio >= 0.95 ? "some" : "bad";
      title += fmt::format(": {:.2f}% of {} results good", ratio * 100, bar.results);
    } else {
      title += ": no results";
    }
    out += fmt::format("<i class=\"{}\" title=\"{}\"></i>", level, title);
  }
  out += "</div>";
  return out;
}

std::string runs_strip_html(const CheckView& check) {
  const std::size_t have = check.recent_runs ? check.recent_runs->size() : 0;
  std::size_t bad = 0;
  std::string bars;
  for (std::size_t i = have; i < kRecentRuns; ++i)
    bars += "<i class=\"unwatched\"></i>";
  for (std::size_t i = 0; i < have; ++i) {
    const RecentRuns::Run run = (*check.recent_runs)[i];
    const char* level = run.outcome == Outcome::kOk     ? "good"
                        : run.outcome == Outcome::kWarn ? "some"
                                                        : "bad";
    bad += run.outcome == Outcome::kFail || run.outcome == Outcome::kError;
    const double ms = std::chrono::duration<double, std::milli>(run.duration).count();
    std::string title = fmt::format("{} · {:.0f} ms · {}", format_timestamp(run.started_at), ms,
                                    to_string(run.outcome));
    if (!run.reason.empty()) fmt::format_to(std::back_inserter(title), ": {}", run.reason);
    bars += fmt::format("<i class=\"{}\" title=\"{}\"></i>", level, escape_html(title));
  }
  return fmt::format(
      "<div class=\"bars runs\" role=\"img\" aria-label=\"last {} runs: {} failed\">{}</div>", have,
      bad, bars);
}

}  // namespace nyxmon::infra::api
