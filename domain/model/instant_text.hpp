// instant_text.hpp — instants as people type them to look at the past:
// RFC 3339 ("2026-11-24T03:12:00Z", "2026-11-24T04:12:00+01:00"), relative
// to now ("-2h", "-30m"), or "now". The CLI's --at and the pages' ?at= read
// them alike.
#pragma once

#include <optional>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::domain {

// nullopt when `text` is none of those.
std::optional<Timestamp> parse_instant(std::string_view text, Timestamp now);

}  // namespace nyxmon::domain
