#include "domain/state/legacy_result_facts.hpp"

namespace nyxmon::domain {

ResultFacts legacy_result_facts(const CheckRecord& before, Outcome outcome) {
  // Schema 1's fold: the state machine's step with the check's thresholds,
  // and the flap detector with the default thresholds.
  const CheckState after =
      step(before.state, outcome, {before.spec->failure_threshold, before.spec->recovery_threshold})
          .state;
  FlapDetector flapping = before.flapping;
  flapping.record(outcome);
  return ResultFacts{after.status, after.consecutive_failures, after.consecutive_successes,
                     flapping.flapping()};
}

const Event& with_result_facts(const Event& event, const CheckRecord& before,
                               std::optional<Event>& filled) {
  const auto* result = std::get_if<CheckResultRecorded>(&event);
  if (result == nullptr || result->after) return event;
  CheckResultRecorded copy = *result;
  copy.after = legacy_result_facts(before, copy.result.outcome);
  return filled.emplace(std::move(copy));
}

}  // namespace nyxmon::domain
