#include "infrastructure/api/response_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "domain/model/time_text.hpp"
#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

constexpr int kWidth = 720;
constexpr int kHeight = 220;
constexpr int kLeft = 48;  // room for the axis labels
constexpr int kTop = 10;
constexpr int kPlotHeight = 170;
constexpr int kMarkRow = kTop + kPlotHeight + 8;  // where failed runs are marked
constexpr std::size_t kColumns = 120;

constexpr std::array<std::string_view, 5> kPhaseNames{"resolve", "connect", "tls", "wait",
                                                      "transfer"};

double ms(Duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Column {
  std::array<double, 5> phase_sum{};  // ms, over good runs
  std::size_t good = 0;
  std::size_t failed = 0;
  double max_total = 0;
  std::string last_failure;

  std::array<double, 5> mean() const {
    std::array<double, 5> out{};
    if (good == 0) return out;
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = phase_sum[i] / static_cast<double>(good);
    return out;
  }
};

// 1, 2 or 5 times a power of ten, at least `value`.
double nice_ceiling(double value) {
  if (value <= 0) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

std::string ms_text(double value) {
  return value < 10 ? fmt::format("{:.1f} ms", value) : fmt::format("{:.0f} ms", value);
}

}  // namespace

std::string response_chart_svg(std::span<const RunPoint> runs, const ChartWindow& window,
                               std::optional<Duration> warn_threshold) {
  const double span_ns = static_cast<double>((window.until - window.from).count());
  std::vector<Column> columns(kColumns);
  std::size_t good_runs = 0;
  std::size_t failed_runs = 0;
  std::vector<double> totals;
  for (const RunPoint& run : runs) {
    if (run.at < window.from || run.at > window.until || span_ns <= 0) continue;
    const auto index = std::min<std::size_t>(
        kColumns - 1, static_cast<std::size_t>(static_cast<double>((run.at - window.from).count()) /
                                               span_ns * kColumns));
    Column& column = columns[index];
    if (!is_good(run.outcome)) {
      ++column.failed;
      ++failed_runs;
      column.last_failure = run.reason;
      continue;
    }
    const PhaseTimings& p = run.phases;
    const double total = ms(p.total > Duration{0} ? p.total : run.duration);
    const double named = ms(p.resolve) + ms(p.connect) + ms(p.tls) + ms(p.first_byte);
    const std::array<double, 5> phases{ms(p.resolve), ms(p.connect), ms(p.tls), ms(p.first_byte),
                                       std::max(0.0, total - named)};
    for (std::size_t i = 0; i < phases.size(); ++i)
      column.phase_sum[i] += phases[i];
    ++column.good;
    ++good_runs;
    column.max_total = std::max(column.max_total, total);
    totals.push_back(total);
  }
  double top = 0;
  for (const Column& column : columns) {
    const auto mean = column.mean();
    double sum = 0;
    for (double value : mean)
      sum += value;
    top = std::max(top, sum);
  }
  if (warn_threshold) top = std::max(top, ms(*warn_threshold));
  top = nice_ceiling(top * 1.05);

  std::string summary;
  if (!totals.empty()) {
    std::sort(totals.begin(), totals.end());
    summary = fmt::format(" median {}, 95th percentile {}, slowest {}.",
                          ms_text(totals[totals.size() / 2]),
                          ms_text(totals[std::min(totals.size() - 1, totals.size() * 95 / 100)]),
                          ms_text(totals.back()));
  }
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"chart-title "
      "chart-desc\" preserveAspectRatio=\"none\"><title id=\"chart-title\">Response time, "
      "{}</title>"
      "<desc id=\"chart-desc\">{} good runs and {} failed from {} to {}.{}</desc>",
      kWidth, kHeight, window.label, good_runs, failed_runs, format_timestamp(window.from),
      format_timestamp(window.until), summary);
  // Grid: four lines with their values.
  for (int i = 0; i <= 4; ++i) {
    const double value = top * i / 4;
    const double y = kTop + kPlotHeight - kPlotHeight * i / 4.0;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/><text "
        "class=\"axis\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        kLeft, kWidth, y, y, kLeft - 4, y + 4,
        value < 10 && value > 0 ? fmt::format("{:.1f}", value) : fmt::format("{:.0f}", value));
  }
  out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">ms</text>",
                     kLeft - 4, kTop + kPlotHeight + 18);
  const double column_width = static_cast<double>(kWidth - kLeft) / kColumns;
  for (std::size_t index = 0; index < kColumns; ++index) {
    const Column& column = columns[index];
    if (column.good == 0 && column.failed == 0) continue;
    const double x = kLeft + column_width * static_cast<double>(index);
    const auto start = window.from + std::chrono::duration_cast<Duration>(
                                         (window.until - window.from) * static_cast<double>(index) /
                                         static_cast<double>(kColumns));
    const auto mean = column.mean();
    double total = 0;
    for (double value : mean)
      total += value;
    std::string title =
        fmt::format("{}: {} good run{}", format_timestamp(start).substr(0, 19) + "Z", column.good,
                    column.good == 1 ? "" : "s");
    if (column.good > 0) {
      title += fmt::format(", mean {} (", ms_text(total));
      for (std::size_t i = 0; i < mean.size(); ++i)
        title += fmt::format("{}{} {}", i ? ", " : "", kPhaseNames[i], ms_text(mean[i]));
      title += fmt::format("), slowest {}", ms_text(column.max_total));
    }
    if (column.failed > 0) {
      title += fmt::format("; {} failed: {}", column.failed, column.last_failure);
    }
    out += fmt::format("<g><title>{}</title>", escape_html(title));
    double y = kTop + kPlotHeight;
    for (std::size_t i = 0; i < mean.size(); ++i) {
      const double height = mean[i] / top * kPlotHeight;
      if (height <= 0) continue;
      y -= height;
      out += fmt::format(
          "<rect class=\"ph-{}\" x=\"{:.1f}\" y=\"{:.2f}\" width=\"{:.1f}\" height=\"{:.2f}\"/>",
          kPhaseNames[i], x, y, std::max(column_width - 0.6, 0.6), height);
    }
    if (column.failed > 0) {
      out += fmt::format(
          "<rect class=\"fail-mark\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"8\"/>", x,
          kMarkRow, std::max(column_width - 0.6, 0.6));
    }
    out += "</g>";
  }
  if (warn_threshold) {
    const double y = kTop + kPlotHeight - ms(*warn_threshold) / top * kPlotHeight;
    out += fmt::format(
        "<line class=\"warn-line\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/><text "
        "class=\"axis\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">warn {}</text>",
        kLeft, kWidth, y, y, kWidth - 2, y - 3, ms_text(ms(*warn_threshold)));
  }
  out += "</svg>";
  return out;
}

}  // namespace nyxmon::infra::api
