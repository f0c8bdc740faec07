// duration_text.hpp — durations as people write them: "250ms", "30s", "5m",
// "1h30m", "7d". Used by configuration, the CLI and every message that
// names a duration.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::domain {

// "1h30m", "250ms", "0s". Whole units, largest first.
std::string describe(Duration duration);

// A sequence of <number><unit> with units ns, us, ms, s, m, h, d, w
// ("1h30m", "1.5s"); nullopt when `text` is anything else.
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace nyxmon::domain
