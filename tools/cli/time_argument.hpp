// time_argument.hpp — instants as people type them on the command line:
// RFC 3339 ("2026-11-24T03:12:00Z", "2026-11-24T04:12:00+01:00") or
// relative to now ("-2h", "-30m", "now").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::tools {

std::optional<domain::Timestamp> parse_time_argument(std::string_view text, domain::Timestamp now);

// `text` as parse_time_argument reads it, written as RFC 3339 (for a
// request that takes only that); nullopt when it is not a time.
std::optional<std::string> time_argument_as_rfc3339(std::string_view text, domain::Timestamp now);

// "2026-11-24T03:12:00.123Z" (milliseconds, UTC).
std::string format_time(domain::Timestamp at);

}  // namespace nyxmon::tools
