#include "infrastructure/eventstore/event_summary.hpp"

#include "domain/events/acknowledgement_text.hpp"
#include "domain/model/duration_text.hpp"
#include "domain/model/metric_rule.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::infra::eventstore {

using namespace nyxmon::domain;

namespace {

std::string ms(Duration d) {
  return describe(std::chrono::duration_cast<std::chrono::milliseconds>(d));
}

struct Summary {
  std::string operator()(const ServiceDefined& e) const {
    return "service " + e.spec.id.value + " defined";
  }
  std::string operator()(const ServiceRemoved& e) const {
    return "service " + e.service.value + " removed";
  }
  std::string operator()(const CheckDefined& e) const {
    return std::string(kind_of(e.spec->probe)) + " check " + e.spec->id.value + " every " +
           describe(e.spec->interval);
  }
  std::string operator()(const CheckRedefined& e) const {
    return std::string(kind_of(e.spec->probe)) + " check " + e.spec->id.value + " redefined";
  }
  std::string operator()(const CheckPaused& e) const {
    return "paused" + (e.reason.empty() ? "" : ": " + e.reason);
  }
  std::string operator()(const CheckResumed&) const { return "resumed"; }
  std::string operator()(const CheckRemoved&) const { return "removed"; }
  std::string operator()(const NotifierDefined& e) const {
    return std::string(to_string(e.spec->kind)) + " notifier " + e.spec->id.value;
  }
  std::string operator()(const NotifierRemoved& e) const {
    return "notifier " + e.notifier.value + " removed";
  }
  std::string operator()(const CheckScheduled& e) const {
    return "run " + std::to_string(e.run) + " (" + std::string(to_string(e.reason)) + ")";
  }
  std::string operator()(const CheckResultRecorded& e) const {
    return "run " + std::to_string(e.run) + ": " + std::string(to_string(e.result.outcome)) +
           (e.result.reason.empty() ? "" : " — " + e.result.reason) + " (" + ms(e.result.duration) +
           ")" +
           (e.result.measurements.empty() ? ""
                                          : " | " + describe_measurements(e.result.measurements));
  }
  std::string operator()(const CheckRunAbandoned& e) const {
    return "run " + std::to_string(e.run) + " abandoned: " + e.reason;
  }
  std::string operator()(const HeartbeatReceived& e) const {
    return std::string(to_string(e.signal)) + (e.source.empty() ? "" : " from " + e.source);
  }
  std::string operator()(const CheckAcknowledged& e) const { return describe_acknowledgement(e); }
  std::string operator()(const CheckAcknowledgementCleared& e) const {
    return "acknowledgement ended: " + e.why;
  }
  std::string operator()(const MaintenanceDefined& e) const {
    return "maintenance window " + e.spec.id.value + ": " + describe(e.spec) +
           (e.by.empty() ? "" : " (by " + e.by + ")") +
           (e.spec.comment.empty() ? "" : ": " + e.spec.comment);
  }
  std::string operator()(const MaintenanceRemoved& e) const {
    return "maintenance window " + e.window.value + " removed" +
           (e.by.empty() ? "" : " by " + e.by);
  }
  std::string operator()(const MaintenanceStarted& e) const {
    return "maintenance window " + e.window.value + " open until " + format_timestamp(e.ends_at);
  }
  std::string operator()(const MaintenanceEnded& e) const {
    return "maintenance window " + e.window.value + " ended: " + e.why;
  }
  std::string operator()(const SilenceDefined& e) const {
    return "silence " + e.spec.id.value + ": " + describe(e.spec) +
           (e.by.empty() ? "" : " (by " + e.by + ")") +
           (e.spec.comment.empty() ? "" : ": " + e.spec.comment);
  }
  std::string operator()(const SilenceEnded& e) const {
    return "silence " + e.silence.value + " ended by " + e.by;
  }
  std::string operator()(const NotificationSilenced& e) const {
    return std::string(to_string(e.kind)) + " of " + e.check.value + " (" +
           std::string(to_string(e.status)) + ") held by silence " + e.silence.value;
  }
  std::string operator()(const CheckStatusChanged& e) const {
    return std::string(to_string(e.from)) + " → " + std::string(to_string(e.to)) + ": " + e.rule +
           (e.reason.empty() ? "" : " (" + e.reason + ")");
  }
  std::string operator()(const CheckFlappingStarted& e) const {
    return "flapping (" + std::to_string(static_cast<int>(e.percent_state_change)) +
           "% state change)";
  }
  std::string operator()(const CheckFlappingStopped& e) const {
    return "stopped flapping (" + std::to_string(static_cast<int>(e.percent_state_change)) + "%)";
  }
  std::string operator()(const ServiceStatusChanged& e) const {
    return std::string(to_string(e.from)) + " → " + std::string(to_string(e.to)) +
           (e.cause_check.empty() ? "" : " (check " + e.cause_check.value + ")");
  }
  std::string operator()(const NotificationRequested& e) const {
    return std::string(to_string(e.kind)) + " #" + std::to_string(e.notification) + " for " +
           e.check.value + " (" + std::string(to_string(e.status)) + ")";
  }
  std::string operator()(const NotificationDelivered& e) const {
    return "#" + std::to_string(e.notification) + " delivered (attempt " +
           std::to_string(e.attempt) + ")";
  }
  std::string operator()(const NotificationFailed& e) const {
    return "#" + std::to_string(e.notification) + " failed: " + e.reason +
           (e.will_retry ? " (will retry)" : "");
  }
  std::string operator()(const NotificationAbandoned& e) const {
    return "#" + std::to_string(e.notification) + " " + std::string(to_string(e.kind)) +
           " notification for " + e.check.value + " abandoned after " + std::to_string(e.attempts) +
           (e.attempts == 1 ? " attempt: " : " attempts: ") + e.last_reason;
  }
  std::string operator()(const EngineStarted& e) const {
    return "engine " + e.version + " started";
  }
  std::string operator()(const EngineStopped& e) const {
    return "engine stopped (" + e.reason + ")";
  }
  std::string operator()(const HistoryTruncated& e) const {
    return std::to_string(e.events_removed) + " run events before " +
           std::to_string(e.before_sequence) + " removed";
  }
  std::string operator()(const EventsLost& e) const {
    const std::uint64_t count = e.last_sequence - e.first_sequence + 1;
    return std::to_string(count) + (count == 1 ? " event" : " events") + " lost (sequence " +
           std::to_string(e.first_sequence) +
           (count == 1 ? "" : "–" + std::to_string(e.last_sequence)) + "): " + e.reason;
  }
};

}  // namespace

std::string summarize(const Event& event) {
  return std::visit(Summary{}, event);
}

}  // namespace nyxmon::infra::eventstore
