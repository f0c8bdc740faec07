#include "infrastructure/api/badges.hpp"

#include <fmt/format.h>

#include <chrono>

#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

constexpr std::string_view kGreen = "#17803d";
constexpr std::string_view kAmber = "#a05a00";
constexpr std::string_view kRed = "#c81e1e";
constexpr std::string_view kGrey = "#5b6472";

std::string_view status_colour(Status status) {
  switch (status) {
    case Status::kUp:
      return kGreen;
    case Status::kDegraded:
      return kAmber;
    case Status::kDown:
      return kRed;
    case Status::kMaintenance:
      return "#1c64b0";
    case Status::kUnreachable:
      return "#7b3fc4";
    case Status::kPaused:
      return "#4c51bf";
    case Status::kPending:
      return kGrey;
  }
  return kGrey;
}

// Verdana 11 px averages about 6.5 px a character; wide enough for either.
int text_width(std::string_view text) {
  std::size_t characters = 0;
  for (unsigned char c : text)
    characters += (c & 0xC0) != 0x80;  // UTF-8: count code points
  return static_cast<int>(characters * 7) + 10;
}

}  // namespace

std::string badge_svg(std::string_view label, std::string_view value, std::string_view colour) {
  const int left = text_width(label);
  const int right = text_width(value);
  const std::string label_text = escape_html(label);
  const std::string value_text = escape_html(value);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"20\" role=\"img\" "
      "aria-label=\"{3}: {4}\"><title>{3}: {4}</title>"
      "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
      "stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
      "<clipPath id=\"r\"><rect width=\"{0}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
      "<g clip-path=\"url(#r)\"><rect width=\"{1}\" height=\"20\" fill=\"#555\"/><rect x=\"{1}\" "
      "width=\"{2}\" height=\"20\" fill=\"{5}\"/><rect width=\"{0}\" height=\"20\" "
      "fill=\"url(#s)\"/></g><g fill=\"#fff\" text-anchor=\"middle\" "
      "font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
      "<text x=\"{6}\" y=\"14\">{3}</text><text x=\"{7}\" y=\"14\">{4}</text></g></svg>",
      left + right, left, right, label_text, value_text, colour, left / 2.0, left + right / 2.0);
}

std::optional<std::string> check_badge(const CheckView& check, std::string_view name,
                                       Timestamp now) {
  if (name == "status.svg") {
    const Status status = check.state().status;
    return badge_svg(check.spec().display_name(), to_string(status), status_colour(status));
  }
  if (name == "uptime-30d.svg") {
    const auto month = check.window(projections::StatsWindow::kMonth, now);
    if (!month.uptime_percent) return badge_svg("uptime 30d", "no data", kGrey);
    const double percent = *month.uptime_percent;
    return badge_svg("uptime 30d", fmt::format("{:.2f}%", percent),
                     percent >= 99.9 ? kGreen
                     : percent >= 99 ? kAmber
                                     : kRed);
  }
  if (name == "response-24h.svg") {
    const auto day = check.window(projections::StatsWindow::kDay, now);
    if (!day.p50) return badge_svg("response 24h", "no data", kGrey);
    const double ms = std::chrono::duration<double, std::milli>(*day.p50).count();
    return badge_svg("response 24h",
                     ms < 10 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.0f} ms", ms),
                     ms < 500    ? kGreen
                     : ms < 2000 ? kAmber
                                 : kRed);
  }
  return std::nullopt;
}

}  // namespace nyxmon::infra::api
