#include "domain/state/check_record.hpp"

#include "domain/events/acknowledgement_text.hpp"

namespace nyxmon::domain {
namespace {

bool is_heartbeat(const CheckSpec& spec) {
  return std::holds_alternative<HeartbeatSpec>(spec.probe);
}

NextRun first_run(const CheckSpec& spec, const HeartbeatState& heartbeat, Timestamp at) {
  if (const auto* push = std::get_if<HeartbeatSpec>(&spec.probe)) {
    return {evaluate(heartbeat, push->period, push->grace, at).next_deadline, RunReason::kSchedule};
  }
  return {first_due(spec.id.value, spec.interval, at), RunReason::kSchedule};
}

struct Folder {
  CheckRecord& record;
  Timestamp at;

  void operator()(const CheckDefined& e) { record = new_check_record(e.spec, at); }
  void operator()(const CheckRedefined& e) {
    const bool timing_changed = e.spec->interval != record.spec->interval ||
                                e.spec->probe.index() != record.spec->probe.index() ||
                                (is_heartbeat(*e.spec) && e.spec->probe != record.spec->probe);
    record.spec = e.spec;
    if (timing_changed) record.next = first_run(*record.spec, record.heartbeat, at);
  }
  void operator()(const CheckPaused&) {
    record.state = pause(record.state).state;
    record.run_in_flight.reset();
  }
  void operator()(const CheckResumed&) {
    record.state = resume(record.state).state;
    record.heartbeat.watching_since = at;
    record.next = first_run(*record.spec, record.heartbeat, at);
  }
  void operator()(const CheckRemoved&) {
    record.removed = true;
    record.acknowledgement.reset();
    record.run_in_flight.reset();
  }
  void operator()(const CheckScheduled& e) {
    record.last_run = std::max(record.last_run, e.run);
    record.run_in_flight = e.run;
    record.next = {e.due_at, e.reason};  // the due time of the run in flight
  }
  void operator()(const CheckResultRecorded& e) {
    record.last_run = std::max(record.last_run, e.run);
    if (record.run_in_flight == e.run) record.run_in_flight.reset();
    // The facts the decider recorded (results of schema 1 get theirs
    // before they come here): applied, not decided again.
    if (e.after) {
      record.state = {e.after->status, e.after->consecutive_failures,
                      e.after->consecutive_successes};
      record.flapping.apply(e.result.outcome, e.after->flapping);
    }
    record.last_result = LastResult{e.run, e.result.outcome, e.result.reason, e.result.started_at,
                                    e.result.duration};
    record.next = {e.next_due_at, e.next_reason};
  }
  void operator()(const CheckRunAbandoned& e) {
    record.last_run = std::max(record.last_run, e.run);
    if (record.run_in_flight == e.run) record.run_in_flight.reset();
    // `next` keeps the abandoned run's due time: the next start catches up.
  }
  void operator()(const HeartbeatReceived& e) {
    record_signal(record.heartbeat, e.signal, e.received_at);
    if (const auto* push = std::get_if<HeartbeatSpec>(&record.spec->probe)) {
      record.next = {
          evaluate(record.heartbeat, push->period, push->grace, e.received_at).next_deadline,
          RunReason::kSchedule};
    }
  }
  void operator()(const CheckStatusChanged& e) {
    record.state.status = e.to;
    record.status_since = at;
    record.status_reason = e.reason;
    record.notification.status_changed(e.to, at);
  }
  void operator()(const NotificationRequested& e) {
    record.notification.notified(e.notifier, e.kind, e.status, at);
  }
  // Held by a silence, and counted as told all the same.
  void operator()(const NotificationSilenced& e) {
    record.notification.notified(e.notifier, e.kind, e.status, at);
  }
  void operator()(const CheckAcknowledged& e) {
    record.acknowledgement = Acknowledgement{e.status, e.by, e.comment, e.sticky, e.expires_at, at};
  }
  void operator()(const CheckAcknowledgementCleared&) { record.acknowledgement.reset(); }
  void operator()(const EngineStarted&) {
    if (record.removed || record.state.status == Status::kPaused) return;
    if (record.run_in_flight) {
      // The engine stopped before this run's result: it is lost, run again.
      record.run_in_flight.reset();
      record.next = {at, RunReason::kCatchUp};
      return;
    }
    record.next = catch_up(record.next.due_at, record.next.reason, at);
  }
  template <class Other>
  void operator()(const Other&) {}
};

}  // namespace

std::string describe(const Acknowledgement& acknowledgement) {
  return describe_acknowledgement(acknowledgement.status, acknowledgement.by,
                                  acknowledgement.comment, acknowledgement.sticky,
                                  acknowledgement.expires_at);
}

NotificationInput notification_input(const CheckRecord& record, Timestamp now,
                                     std::optional<FlappingChange> flapping_change) {
  return NotificationInput{record.state.status,
                           record.flapping.flapping(),
                           flapping_change,
                           record.spec->reminder_interval,
                           now,
                           record.acknowledgement.has_value()};
}

CheckRecord new_check_record(Boxed<CheckSpec> spec, Timestamp at) {
  CheckRecord record;
  record.spec = std::move(spec);
  record.status_since = at;
  record.heartbeat.watching_since = at;
  record.next = first_run(*record.spec, record.heartbeat, at);
  return record;
}

void fold(CheckRecord& record, const Event& event, Timestamp recorded_at) {
  std::visit(Folder{record, recorded_at}, event);
}

}  // namespace nyxmon::domain
