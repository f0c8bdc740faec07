// check_state_machine.hpp — how results become a check's hard status.
//
// Outcomes ok and warn are good, fail and error are bad. A check goes down
// only after `failure_threshold` consecutive bad results (the failure is
// soft until then), and comes back after `recovery_threshold` consecutive
// good ones. From pending, the first good result decides at once. While up or
// degraded, a good result moves between the two at once: the latest good
// result's outcome (warn → degraded, ok → up) is the status. Paused checks
// ignore results; resuming starts over from pending. Maintenance and
// unreachable are failing states like down (a maintenance window covers
// the check, a parent fails): good results recover from them as from down.
//
// A pure function of (state, outcome, thresholds): folding the same results
// always decides the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/status.hpp"

namespace nyxmon::domain {

struct StateMachineThresholds {
  int failure_threshold = 3;
  int recovery_threshold = 2;
};

struct CheckState {
  Status status = Status::kPending;
  std::uint16_t consecutive_failures = 0;
  std::uint16_t consecutive_successes = 0;

  bool operator==(const CheckState&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(status, consecutive_failures, consecutive_successes);
  }
};

struct StatusChange {
  Status from;
  Status to;
  // The rule that fired, for people and for `replay --explain`:
  // "3rd consecutive fail ≥ failure_threshold 3 → down".
  std::string rule;
};

struct Step {
  CheckState state;
  std::optional<StatusChange> change;
  // What the result did when the status stayed: "soft failure 1/3",
  // "recovering 1/2", "ok". Empty when `change` says it all.
  std::string note;
};

inline bool is_good(Outcome outcome) {
  return outcome == Outcome::kOk || outcome == Outcome::kWarn;
}

Step step(const CheckState& state, Outcome outcome, const StateMachineThresholds& thresholds);

// A failure is soft while bad results have begun but the check is not down:
// the scheduler then runs it at its retry interval.
inline bool in_soft_failure(const CheckState& state) {
  return state.consecutive_failures > 0 && state.status != Status::kDown &&
         state.status != Status::kPaused && state.status != Status::kMaintenance &&
         state.status != Status::kUnreachable;
}

Step pause(const CheckState& state);
Step resume(const CheckState& state);

// "1st", "2nd", "3rd", "4th", ... for rule texts.
std::string ordinal(int n);

}  // namespace nyxmon::domain
