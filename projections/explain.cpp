#include "projections/explain.hpp"

#include "domain/events/acknowledgement_text.hpp"
#include "domain/model/duration_text.hpp"
#include "domain/state/check_record.hpp"
#include "domain/state/legacy_result_facts.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {

std::string status_text(Status status) {
  return std::string(to_string(status));
}

struct Explainer {
  const CheckRecord& before;
  ExplainedStep& step;

  void operator()(const CheckDefined& e) {
    step.what = "defined: " + std::string(kind_of(e.spec->probe)) + " every " +
                describe(e.spec->interval) + ", timeout " + describe(e.spec->timeout);
    step.rule = "failure_threshold " + std::to_string(e.spec->failure_threshold) +
                ", recovery_threshold " + std::to_string(e.spec->recovery_threshold) +
                ", retry every " + describe(e.spec->effective_retry_interval());
  }
  void operator()(const CheckRedefined& e) {
    step.what = "redefined: " + std::string(kind_of(e.spec->probe)) + " every " +
                describe(e.spec->interval);
    step.rule = "failure_threshold " + std::to_string(e.spec->failure_threshold) +
                ", recovery_threshold " + std::to_string(e.spec->recovery_threshold);
  }
  void operator()(const CheckPaused& e) {
    step.what = "paused" + (e.reason.empty() ? "" : ": " + e.reason);
  }
  void operator()(const CheckResumed&) { step.what = "resumed"; }
  void operator()(const CheckRemoved&) { step.what = "removed"; }
  void operator()(const CheckScheduled& e) {
    step.what = "run " + std::to_string(e.run) + " scheduled (" + std::string(to_string(e.reason)) +
                (e.attempt > 1 ? ", attempt " + std::to_string(e.attempt) : "") + ")";
  }
  void operator()(const CheckResultRecorded& e) {
    step.what = "run " + std::to_string(e.run) + ": " + std::string(to_string(e.result.outcome)) +
                (e.result.reason.empty() ? "" : " — " + e.result.reason) + " in " +
                describe(std::chrono::duration_cast<std::chrono::milliseconds>(e.result.duration));
    if (e.after) step.rule = result_note(e.result.outcome, *e.after);
  }
  // What a result did, told from the facts it recorded (the status change
  // it caused, if any, follows with its rule).
  std::string result_note(Outcome outcome, const ResultFacts& after) const {
    const std::string outcome_name(to_string(outcome));
    if (before.state.status == Status::kPaused) return "paused: result ignored";
    if (after.status != before.state.status)
      return "status " + status_text(before.state.status) + " → " + status_text(after.status);
    if (!is_good(outcome)) {
      if (after.status == Status::kDown || after.status == Status::kMaintenance ||
          after.status == Status::kUnreachable) {
        return "still " + status_text(after.status) + " (" + ordinal(after.consecutive_failures) +
               " consecutive " + outcome_name + ")";
      }
      return "soft failure " + std::to_string(after.consecutive_failures) + "/" +
             std::to_string(before.spec->failure_threshold);
    }
    if (after.status == Status::kDown || after.status == Status::kMaintenance ||
        after.status == Status::kUnreachable) {
      return "recovering " + std::to_string(after.consecutive_successes) + "/" +
             std::to_string(before.spec->recovery_threshold);
    }
    return before.state.consecutive_failures > 0 ? "soft failure cleared" : outcome_name;
  }
  void operator()(const CheckRunAbandoned& e) {
    step.what = "run " + std::to_string(e.run) + " abandoned: " + e.reason;
    step.rule = "no result: counts neither for nor against the check";
  }
  void operator()(const HeartbeatReceived& e) {
    step.what = "heartbeat: " + std::string(to_string(e.signal)) +
                (e.exit_code ? " (exit code " + std::to_string(*e.exit_code) + ")" : "");
  }
  void operator()(const CheckStatusChanged& e) {
    step.decision = true;
    step.what = "status " + status_text(e.from) + " → " + status_text(e.to) +
                (e.cause_run ? " (run " + std::to_string(e.cause_run) + ")" : "") +
                (e.reason.empty() ? "" : ": " + e.reason);
    step.rule = e.rule;
  }
  void operator()(const CheckFlappingStarted& e) {
    step.decision = true;
    step.what = "flapping started";
    step.rule = std::to_string(static_cast<int>(e.percent_state_change)) +
                "% state change > 30% → flapping; notifications held";
  }
  void operator()(const CheckFlappingStopped& e) {
    step.decision = true;
    step.what = "flapping stopped";
    step.rule = std::to_string(static_cast<int>(e.percent_state_change)) + "% state change < 25%";
  }
  void operator()(const NotificationRequested& e) {
    step.decision = true;
    step.what = std::string(to_string(e.kind)) + " notification to " + e.notifier.value;
    step.rule = "status " + status_text(e.status);
  }
  void operator()(const NotificationSilenced& e) {
    step.decision = true;
    step.what = std::string(to_string(e.kind)) + " notification to " + e.notifier.value +
                " held by silence " + e.silence.value;
    step.rule = "status " + status_text(e.status);
  }
  void operator()(const CheckAcknowledged& e) { step.what = describe_acknowledgement(e); }
  void operator()(const CheckAcknowledgementCleared& e) {
    step.what = "acknowledgement ended: " + e.why;
  }
  template <class Other>
  void operator()(const Other&) {}
};

}  // namespace

std::vector<ExplainedStep> explain(const std::vector<Envelope>& events, CheckRecord record) {
  std::vector<ExplainedStep> steps;
  for (const Envelope& envelope : events) {
    ExplainedStep step;
    step.sequence = envelope.sequence;
    step.at = envelope.recorded_at;
    step.event = std::string(name_of(envelope.event));
    std::optional<Event> filled;
    const Event& event = with_result_facts(envelope.event, record, filled);
    std::visit(Explainer{record, step}, event);
    fold(record, event, envelope.recorded_at);
    if (!step.what.empty()) steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace nyxmon::projections
