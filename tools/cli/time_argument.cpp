#include "tools/cli/time_argument.hpp"

#include "domain/model/instant_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::tools {

std::optional<domain::Timestamp> parse_time_argument(std::string_view text, domain::Timestamp now) {
  return domain::parse_instant(text, now);
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
