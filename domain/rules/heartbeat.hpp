// heartbeat.hpp — deadlines of push (heartbeat) checks, healthchecks.io
// style. A job pings at least every `period`; `grace` is the slack before it
// counts as late. A `start` ping opens a run that must end with a success
// within the grace, or it has failed. A `fail` ping (or a non-zero exit code)
// fails at once.
#pragma once

#include <optional>
#include <string>

#include "domain/events/run_events.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct HeartbeatState {
  Timestamp watching_since{};  // definition (or resume): the first period starts here
  std::optional<Timestamp> last_success;
  std::optional<Timestamp> last_start;
  std::optional<Timestamp> last_fail;

  bool operator==(const HeartbeatState&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(watching_since, last_success, last_start, last_fail);
  }
};

void record_signal(HeartbeatState& state, HeartbeatSignal signal, Timestamp at);

struct HeartbeatVerdict {
  Outcome outcome = Outcome::kOk;
  std::string reason;       // empty when ok
  Timestamp next_deadline;  // when the verdict can next change if nothing arrives
};

HeartbeatVerdict evaluate(const HeartbeatState& state, Duration period, Duration grace,
                          Timestamp now);

}  // namespace nyxmon::domain
