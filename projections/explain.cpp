#include "projections/explain.hpp"

#include "domain/model/duration_text.hpp"
#include "domain/state/check_record.hpp"

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
    step.what = "defined: " + std::string(kind_of(e.spec.probe)) + " every " +
                describe(e.spec.interval) + ", timeout " + describe(e.spec.timeout);
    step.rule = "failure_threshold " + std::to_string(e.spec.failure_threshold) +
                ", recovery_threshold " + std::to_string(e.spec.recovery_threshold) +
                ", retry every " + describe(e.spec.effective_retry_interval());
  }
  void operator()(const CheckRedefined& e) {
    step.what =
        "redefined: " + std::string(kind_of(e.spec.probe)) + " every " + describe(e.spec.interval);
    step.rule = "failure_threshold " + std::to_string(e.spec.failure_threshold) +
                ", recovery_threshold " + std::to_string(e.spec.recovery_threshold);
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
    const Step stepped =
        domain::step(before.state, e.result.outcome,
                     {before.spec.failure_threshold, before.spec.recovery_threshold});
    step.rule = stepped.change ? stepped.change->rule : stepped.note;
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
  template <class Other>
  void operator()(const Other&) {}
};

}  // namespace

std::vector<ExplainedStep> explain(const std::vector<Envelope>& events) {
  std::vector<ExplainedStep> steps;
  CheckRecord record;
  for (const Envelope& envelope : events) {
    ExplainedStep step;
    step.sequence = envelope.sequence;
    step.at = envelope.recorded_at;
    step.event = std::string(name_of(envelope.event));
    std::visit(Explainer{record, step}, envelope.event);
    fold(record, envelope.event, envelope.recorded_at);
    if (!step.what.empty()) steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace nyxmon::projections
