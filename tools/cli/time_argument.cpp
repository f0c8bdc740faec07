#include "tools/cli/time_argument.hpp"

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
  return domain::parse_timestamp(text);
}

std::string format_time(domain::Timestamp at) {
  return domain::format_timestamp(at);
}

std::optional<std::string> time_argument_as_rfc3339(std::string_view text, domain::Timestamp now) {
  const auto at = parse_time_argument(text, now);
  if (!at) return std::nullopt;
  return format_time(*at);
}

}  // namespace nyxmon::tools
