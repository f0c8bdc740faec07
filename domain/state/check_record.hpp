// check_record.hpp — everything the engine knows about one check now, as
// folded from its events: the spec, the state machine's state, flapping,
// the run in flight, the schedule, heartbeats, what was notified and who
// acknowledged its problem.
//
// This is the state decisions are made from, kept by the check-states
// projection and, during one batch, by the decider's working copy. fold()
// is the one place events change it, so both stay the same by construction.
// About 1 KiB resident for a typical HTTP check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/events/boxed.hpp"
#include "domain/events/envelope.hpp"
#include "domain/model/check_spec.hpp"
#include "domain/rules/check_state_machine.hpp"
#include "domain/rules/flapping.hpp"
#include "domain/rules/heartbeat.hpp"
#include "domain/rules/notification_policy.hpp"
#include "domain/rules/scheduling.hpp"

namespace nyxmon::domain {

struct LastResult {
  RunId run = 0;
  Outcome outcome = Outcome::kOk;
  std::string reason;
  Timestamp at{};
  Duration duration{0};

  bool operator==(const LastResult&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(run, outcome, reason, at, duration);
  }
};

// A problem someone took on (CheckAcknowledged), until the rules or a
// person end it.
struct Acknowledgement {
  Status status = Status::kDown;  // the problem acknowledged
  std::string by;
  std::string comment;
  bool sticky = false;
  std::optional<Timestamp> expires_at;
  Timestamp at{};

  bool operator==(const Acknowledgement&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(status, by, comment, sticky, expires_at, at);
  }
};

// "acknowledged down by alice (sticky, expires …): on it", as events tell it.
std::string describe(const Acknowledgement& acknowledgement);

struct CheckRecord {
  // Shared with the definition event it came from, copies of the record and
  // the probes of its runs (boxed.hpp).
  Boxed<CheckSpec> spec;
  CheckState state;
  Timestamp status_since{};
  std::string status_reason;  // the result reason behind the latest change
  FlapDetector flapping;
  RunId last_run = 0;                  // the newest run scheduled
  std::optional<RunId> run_in_flight;  // scheduled, no result yet
  std::optional<LastResult> last_result;
  // When it is due next; while a run is in flight, that run's due time.
  NextRun next{};
  HeartbeatState heartbeat;
  NotificationState notification;
  std::optional<Acknowledgement> acknowledgement;
  bool removed = false;

  bool operator==(const CheckRecord&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, state, status_since, status_reason, flapping, last_run, run_in_flight,
            last_result, next.due_at, next.reason, heartbeat, notification, acknowledgement,
            removed);
  }
};

// Applies one event of this check's stream (others are ignored).
void fold(CheckRecord& record, const Event& event, Timestamp recorded_at);

// The notification policy's input for the check as `record` has it, at
// `now`; `flapping_change` when the step being decided started or stopped
// flapping.
NotificationInput notification_input(const CheckRecord& record, Timestamp now,
                                     std::optional<FlappingChange> flapping_change = std::nullopt);

// A fresh record for a check defined at `at`.
CheckRecord new_check_record(Boxed<CheckSpec> spec, Timestamp at);

}  // namespace nyxmon::domain
