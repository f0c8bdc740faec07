// command.hpp — what can be asked of the engine. Commands come from the
// scheduler, probe completions, the CLI and the API; the core decides each
// one into events (or a rejection) on its single thread.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/events/run_events.hpp"
#include "domain/model/check_spec.hpp"
#include "domain/model/maintenance_spec.hpp"
#include "domain/model/notifier_spec.hpp"
#include "domain/model/probe_result.hpp"
#include "domain/model/service_spec.hpp"
#include "domain/model/silence_spec.hpp"
#include "domain/rules/notification_policy.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// Define or redefine a service (nothing happens when the spec is unchanged).
struct DefineService {
  ServiceSpec spec;
};
// Remove a service; its checks must be removed first.
struct RemoveService {
  ServiceId service;
};
// Define or redefine a check (nothing happens when the spec is unchanged).
struct DefineCheck {
  CheckSpec spec;
};
struct RemoveCheck {
  CheckId check;
};
struct PauseCheck {
  CheckId check;
  std::string reason;
};
struct ResumeCheck {
  CheckId check;
};
struct DefineNotifier {
  NotifierSpec spec;
};
struct RemoveNotifier {
  NotifierId notifier;
};
// The scheduler: the check is due. Rejected when it is not (any more) due,
// disabled, paused or already running.
struct RunCheck {
  CheckId check;
  Timestamp due_at;
};
// Someone asks for a run now, outside the schedule.
struct RunCheckNow {
  CheckId check;
};
// A probe finished run `run` of `check`.
struct RecordResult {
  CheckId check;
  RunId run = 0;
  ProbeResult result;
};
// A monitored job pinged a heartbeat check.
struct RecordHeartbeat {
  CheckId check;
  HeartbeatSignal signal = HeartbeatSignal::kSuccess;
  std::optional<int> exit_code;
  std::string source;
};
// Decide again what the check's notifiers are owed now, with no new fact:
// a notify_after, an escalation or a reminder has come due. The
// notification clock sends it.
struct DecideNotifications {
  CheckId check;
};
// A notifier tried to deliver a notification.
struct RecordNotificationAttempt {
  NotificationId notification = 0;
  NotifierId notifier;
  std::uint32_t attempt = 1;
  bool delivered = false;
  int http_status = 0;
  std::string reason;
  std::optional<Timestamp> retry_at;  // set when another attempt will follow
  // Of the notification (its NotificationRequested), for the record of an
  // abandoned delivery.
  CheckId check;
  NotificationKind kind = NotificationKind::kProblem;
};
// Someone takes on the check's current problem (see CheckAcknowledged).
// Acknowledging again replaces the acknowledgement.
struct AcknowledgeCheck {
  CheckId check;
  std::string by;
  std::string comment;
  bool sticky = false;
  std::optional<Duration> expires_after;
};
// Someone ends an acknowledgement before the rules do.
struct ClearAcknowledgement {
  CheckId check;
  std::string by;
};
// Define or redefine a maintenance window (nothing happens when the spec is
// unchanged). Redefining an open window ends its occurrence first.
struct DefineMaintenance {
  MaintenanceSpec spec;
  std::string by;
};
// Take a window away (out of the configuration); an open occurrence ends.
struct RemoveMaintenance {
  MaintenanceId window;
  std::string by;
};
// The calendar: an occurrence of the window begins (`occurrence_start`, as
// the calendar computed it) and lasts until `ends_at`. Rejected when the
// window is open, removed, or has had that occurrence already.
struct StartMaintenance {
  MaintenanceId window;
  Timestamp occurrence_start{};
  Timestamp ends_at{};
};
// The open occurrence ends: its time is up (`by` empty: the calendar), or a
// person ends it early. A person ending a one-off window made ad hoc also
// removes it, and ending one that has not begun cancels it.
struct EndMaintenance {
  MaintenanceId window;
  std::string by;
};
// Define (or replace) a silence.
struct DefineSilence {
  SilenceSpec spec;
  std::string by;
};
// A person ends a silence before its time.
struct EndSilence {
  SilenceId silence;
  std::string by;
};
struct StartEngine {
  std::string version;
  std::string config_hash;
};
struct StopEngine {
  std::string reason;
};

using Command =
    std::variant<DefineService, RemoveService, DefineCheck, RemoveCheck, PauseCheck, ResumeCheck,
                 DefineNotifier, RemoveNotifier, RunCheck, RunCheckNow, RecordResult,
                 RecordHeartbeat, RecordNotificationAttempt, StartEngine, StopEngine,
                 AcknowledgeCheck, ClearAcknowledgement, DefineMaintenance, RemoveMaintenance,
                 StartMaintenance, EndMaintenance, DefineSilence, EndSilence, DecideNotifications>;

}  // namespace nyxmon::domain
