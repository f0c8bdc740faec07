// scheduling.hpp — when a check runs next.
//
// Fixed rate, no drift: a check's runs sit on a grid, phase + k × interval
// since the Unix epoch, whatever each run took. The phase is a stable hash of
// the check id (FNV-1a, the same in every build), so checks with equal
// intervals spread over the interval instead of firing together. While a
// failure is soft, the next run comes after the retry interval instead (never
// later than the next grid point). After downtime a missed run happens once,
// at once (catch-up); nothing is back-filled.
#pragma once

#include <cstdint>
#include <string_view>

#include "domain/rules/run_reason.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct NextRun {
  Timestamp due_at;
  RunReason reason;
  bool operator==(const NextRun&) const = default;
};

std::uint64_t stable_hash(std::string_view text);

// The check's offset into its interval, in [0, interval).
Duration phase_offset(std::string_view check_id, Duration interval);

// The first grid point at or after `now`.
Timestamp first_due(std::string_view check_id, Duration interval, Timestamp now);

// The first grid point strictly after `after`.
Timestamp next_grid_point(std::string_view check_id, Duration interval, Timestamp after);

// When to run after a run that was due at `previous_due` produced its result
// at `result_at`. `soft_failure`: whether the check is now in a soft failure.
NextRun next_run(std::string_view check_id, Duration interval, Duration retry_interval,
                 Timestamp previous_due, Timestamp result_at, bool soft_failure);

// After the engine was down: a due time already past becomes `now`
// (catch-up); one in the future stays.
NextRun catch_up(Timestamp due_at, RunReason reason, Timestamp now);

}  // namespace nyxmon::domain
