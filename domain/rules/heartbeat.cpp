#include "domain/rules/heartbeat.hpp"

#include "domain/model/duration_text.hpp"

namespace nyxmon::domain {

void record_signal(HeartbeatState& state, HeartbeatSignal signal, Timestamp at) {
  switch (signal) {
    case HeartbeatSignal::kSuccess:
      state.last_success = at;
      break;
    case HeartbeatSignal::kStart:
      state.last_start = at;
      break;
    case HeartbeatSignal::kFail:
      state.last_fail = at;
      break;
  }
}

HeartbeatVerdict evaluate(const HeartbeatState& state, Duration period, Duration grace,
                          Timestamp now) {
  const Timestamp last_good = state.last_success.value_or(state.watching_since);
  const Timestamp expected_by = last_good + period + grace;
  HeartbeatVerdict verdict;
  verdict.next_deadline = expected_by;

  if (state.last_fail && *state.last_fail >= last_good &&
      (!state.last_start || *state.last_fail >= *state.last_start)) {
    verdict.outcome = Outcome::kFail;
    verdict.reason = "the job reported a failure";
    verdict.next_deadline = now + period;
    return verdict;
  }
  if (state.last_start && (!state.last_success || *state.last_start > *state.last_success)) {
    const Timestamp start_deadline = *state.last_start + grace;
    if (now >= start_deadline) {
      verdict.outcome = Outcome::kFail;
      verdict.reason = "started " + describe(now - *state.last_start) +
                       " ago but no success within the grace of " + describe(grace);
      verdict.next_deadline = now + period;
      return verdict;
    }
    verdict.next_deadline = std::min(verdict.next_deadline, start_deadline);
  }
  if (now >= expected_by) {
    verdict.outcome = Outcome::kFail;
    verdict.reason = (state.last_success ? "no ping for " + describe(now - last_good)
                                         : "no ping yet after " + describe(now - last_good)) +
                     " (period " + describe(period) + " + grace " + describe(grace) + ")";
    verdict.next_deadline = now + period;
  }
  return verdict;
}

}  // namespace nyxmon::domain
