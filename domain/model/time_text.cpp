#include "domain/model/time_text.hpp"

#include <chrono>
#include <cstdio>

#include "domain/model/number_text.hpp"

namespace nyxmon::domain {

std::string format_timestamp(Timestamp at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{floor<milliseconds>(at - day)};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return text;
}

namespace {

// Exactly `width` digits at `at`, or nullopt.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  const std::string_view field = text.substr(at, width);
  for (char c : field) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return parse_number<int>(field);
}

bool separator_at(std::string_view text, std::size_t at, char wanted) {
  return at < text.size() && text[at] == wanted;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  // YYYY-MM-DDTHH:MM:SS is 19 characters, fixed.
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (!separator_at(text, 4, '-') || !separator_at(text, 7, '-') || !separator_at(text, 13, ':') ||
      !separator_at(text, 16, ':')) {
    return std::nullopt;
  }
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const year_month_day date{std::chrono::year(*year), std::chrono::month(*month),
                            std::chrono::day(*day)};
  // A leap second (:60) is read as the next second's start, as POSIX does.
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  // Timestamps count nanoseconds in 64 bits: 1677-09-21 to 2262-04-11.
  if (*year < 1678 || *year > 2261) return std::nullopt;

  std::size_t at = 19;
  Duration fraction{0};
  if (separator_at(text, at, '.')) {
    ++at;
    const std::size_t first_digit = at;
    std::int64_t value = 0, scale = 1'000'000'000;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (scale > 1) {
        scale /= 10;
        value += (text[at] - '0') * scale;
      }
      ++at;
    }
    if (at == first_digit) return std::nullopt;
    fraction = Duration(value);
  }
  const std::string_view zone = text.substr(at);
  Duration offset{0};
  if (zone == "Z" || zone == "z") {
    // UTC
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto offset_hours = digits(zone, 1, 2);
    const auto offset_minutes = digits(zone, 4, 2);
    if (!offset_hours || !offset_minutes || *offset_hours > 23 || *offset_minutes > 59)
      return std::nullopt;
    offset = hours(*offset_hours) + minutes(*offset_minutes);
    if (zone[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  const sys_days midnight{date};
  return Timestamp(midnight) + hours(*hour) + minutes(*minute) + seconds(*second) + fraction -
         offset;
}

}  // namespace nyxmon::domain
