#include "domain/rules/check_state_machine.hpp"

namespace nyxmon::domain {

std::string ordinal(int n) {
  const int last_two = n % 100;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    switch (n % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return std::to_string(n) + suffix;
}

namespace {

std::uint16_t bump(std::uint16_t count) {
  return count == UINT16_MAX ? count : count + 1;
}

std::string arrow(Status to) {
  return " → " + std::string(to_string(to));
}

}  // namespace

Step step(const CheckState& state, Outcome outcome, const StateMachineThresholds& thresholds) {
  Step result{state, std::nullopt, {}};
  CheckState& next = result.state;
  if (state.status == Status::kPaused) {
    result.note = "paused: result ignored";
    return result;
  }
  const std::string outcome_name(to_string(outcome));

  if (!is_good(outcome)) {
    next.consecutive_failures = bump(state.consecutive_failures);
    next.consecutive_successes = 0;
    const int failures = next.consecutive_failures;
    if (state.status == Status::kDown || state.status == Status::kMaintenance ||
        state.status == Status::kUnreachable) {
      result.note = "still " + std::string(to_string(state.status)) + " (" + ordinal(failures) +
                    " consecutive " + outcome_name + ")";
    } else if (failures >= thresholds.failure_threshold) {
      next.status = Status::kDown;
      result.change = StatusChange{
          state.status, Status::kDown,
          ordinal(failures) + " consecutive " + outcome_name + " ≥ failure_threshold " +
              std::to_string(thresholds.failure_threshold) + arrow(Status::kDown)};
    } else {
      result.note = "soft failure " + std::to_string(failures) + "/" +
                    std::to_string(thresholds.failure_threshold);
    }
    return result;
  }

  next.consecutive_successes = bump(state.consecutive_successes);
  next.consecutive_failures = 0;
  const Status target = outcome == Outcome::kWarn ? Status::kDegraded : Status::kUp;
  const int successes = next.consecutive_successes;
  switch (state.status) {
    case Status::kPending:
      next.status = target;
      result.change =
          StatusChange{state.status, target, "first " + outcome_name + " result" + arrow(target)};
      break;
    case Status::kDown:
    case Status::kMaintenance:
    case Status::kUnreachable:
      if (successes >= thresholds.recovery_threshold) {
        next.status = target;
        result.change =
            StatusChange{state.status, target,
                         ordinal(successes) + " consecutive good result (" + outcome_name +
                             ") ≥ recovery_threshold " +
                             std::to_string(thresholds.recovery_threshold) + arrow(target)};
      } else {
        result.note = "recovering " + std::to_string(successes) + "/" +
                      std::to_string(thresholds.recovery_threshold);
      }
      break;
    case Status::kUp:
    case Status::kDegraded:
      if (state.status != target) {
        next.status = target;
        result.change =
            StatusChange{state.status, target, outcome_name + " result" + arrow(target)};
      } else if (state.consecutive_failures > 0) {
        result.note = "soft failure cleared";
      } else {
        result.note = outcome_name;
      }
      break;
    case Status::kPaused:
      break;
  }
  return result;
}

Step pause(const CheckState& state) {
  Step result{CheckState{Status::kPaused, 0, 0}, std::nullopt, {}};
  if (state.status != Status::kPaused) {
    result.change = StatusChange{state.status, Status::kPaused, "paused" + arrow(Status::kPaused)};
  }
  return result;
}

Step resume(const CheckState& state) {
  Step result{CheckState{}, std::nullopt, {}};
  if (state.status == Status::kPaused) {
    result.change =
        StatusChange{Status::kPaused, Status::kPending, "resumed" + arrow(Status::kPending)};
  } else {
    result.state = state;
  }
  return result;
}

}  // namespace nyxmon::domain
