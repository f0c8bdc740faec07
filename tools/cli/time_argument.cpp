#include "tools/cli/time_argument.hpp"

#include <cstdio>
#include <ctime>
#include <string>

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::tools {

std::optional<domain::Timestamp> parse_time_argument(std::string_view text, domain::Timestamp now) {
  if (text == "now") return now;
  if (!text.empty() && text.front() == '-') {
    auto ago = domain::parse_duration(text.substr(1));
    if (!ago) return std::nullopt;
    return now - *ago;
  }
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  int year, month, day, hour, minute, second;
  int consumed = 0;
  const std::string owned(text);
  if (std::sscanf(owned.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &year, &month, &day, &hour,
                  &minute, &second, &consumed) != 6) {
    return std::nullopt;
  }
  std::tm fields{};
  fields.tm_year = year - 1900;
  fields.tm_mon = month - 1;
  fields.tm_mday = day;
  fields.tm_hour = hour;
  fields.tm_min = minute;
  fields.tm_sec = second;
  const std::time_t seconds = timegm(&fields);
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  domain::Duration fraction{0};
  if (!rest.empty() && rest.front() == '.') {
    std::size_t digits = 1;
    std::int64_t value = 0, scale = 1'000'000'000;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
      if (scale > 1) {
        scale /= 10;
        value += (rest[digits] - '0') * scale;
      }
      ++digits;
    }
    fraction = domain::Duration(value);
    rest = rest.substr(digits);
  }
  domain::Duration offset{0};
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const int hours = std::stoi(std::string(rest.substr(1, 2)));
    const int minutes = std::stoi(std::string(rest.substr(4, 2)));
    offset = std::chrono::hours(hours) + std::chrono::minutes(minutes);
    if (rest[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  return domain::Timestamp(std::chrono::seconds(seconds)) + fraction - offset;
}

std::string format_time(domain::Timestamp at) {
  return domain::format_timestamp(at);
}

}  // namespace nyxmon::tools
