#include "domain/model/duration_text.hpp"

#include <cmath>

#include "domain/model/number_text.hpp"

namespace nyxmon::domain {

std::string describe(Duration duration) {
  using namespace std::chrono;
  if (duration < Duration::zero()) return "-" + describe(-duration);
  if (duration == Duration::zero()) return "0s";
  if (duration < milliseconds(1)) {
    return std::to_string(duration_cast<microseconds>(duration).count()) + "us";
  }
  if (duration < seconds(1) || duration % seconds(1) != Duration::zero()) {
    return std::to_string(duration_cast<milliseconds>(duration).count()) + "ms";
  }
  const auto total = duration_cast<seconds>(duration).count();
  std::string text;
  const auto days_part = total / 86400;
  const auto hours_part = total % 86400 / 3600;
  const auto minutes_part = total % 3600 / 60;
  const auto seconds_part = total % 60;
  if (days_part) text += std::to_string(days_part) + "d";
  if (hours_part) text += std::to_string(hours_part) + "h";
  if (minutes_part) text += std::to_string(minutes_part) + "m";
  if (seconds_part) text += std::to_string(seconds_part) + "s";
  return text;
}

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total_ns = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t number_start = at;
    while (at < text.size() && ((text[at] >= '0' && text[at] <= '9') || text[at] == '.'))
      ++at;
    if (at == number_start) return std::nullopt;
    // "1.5", "2", ".5" and "5." are numbers; ".", "1.2.3" are not.
    const auto number = parse_number<double>(text.substr(number_start, at - number_start));
    if (!number) return std::nullopt;
    const std::size_t unit_start = at;
    while (at < text.size() && text[at] >= 'a' && text[at] <= 'z')
      ++at;
    const std::string_view unit = text.substr(unit_start, at - unit_start);
    double scale = 0;
    if (unit == "ns")
      scale = 1;
    else if (unit == "us")
      scale = 1e3;
    else if (unit == "ms")
      scale = 1e6;
    else if (unit == "s")
      scale = 1e9;
    else if (unit == "m")
      scale = 60e9;
    else if (unit == "h")
      scale = 3600e9;
    else if (unit == "d")
      scale = 86400e9;
    else if (unit == "w")
      scale = 604800e9;
    else
      return std::nullopt;
    total_ns += *number * scale;
    if (!(total_ns <= 1e18)) return std::nullopt;
  }
  return Duration(static_cast<Duration::rep>(std::llround(total_ns)));
}

}  // namespace nyxmon::domain
