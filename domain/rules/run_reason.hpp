// run_reason.hpp — why a check runs at a given time. Stored in events:
// never renumber.
#pragma once

#include <cstdint>
#include <string_view>

namespace nyxmon::domain {

enum class RunReason : std::uint8_t {
  kSchedule = 0,  // its place on the fixed-rate grid
  kRetry = 1,     // a failure is soft: confirm it sooner (retry_interval)
  kCatchUp = 2,   // its time passed while the engine was down: once, at once
  kRunNow = 3,    // someone asked
};

constexpr std::string_view to_string(RunReason reason) {
  switch (reason) {
    case RunReason::kSchedule:
      return "schedule";
    case RunReason::kRetry:
      return "retry";
    case RunReason::kCatchUp:
      return "catch-up";
    case RunReason::kRunNow:
      return "run-now";
  }
  return "schedule";
}

}  // namespace nyxmon::domain
