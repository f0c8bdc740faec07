// time_text.hpp — instants as text. Every interface prints RFC 3339 in UTC
// with milliseconds ("2026-11-25T09:30:00.250Z"); people may type any RFC
// 3339 instant with an offset.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::domain {

std::string format_timestamp(Timestamp at);

// "2026-11-24T03:12:00Z", "2026-11-24 04:12:00.5+01:00": a date, 'T' (or
// 't' or a space), a time, an optional fraction (up to nanoseconds; more
// digits are dropped) and 'Z' or ±HH:MM. Fields out of their range (month 13,
// February 30th, minute 60) are refused, not rolled over, and so are years
// outside 1678-2261 (what a Timestamp holds); nullopt for anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);

}  // namespace nyxmon::domain
