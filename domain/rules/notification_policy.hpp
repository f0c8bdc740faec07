// notification_policy.hpp — when people are told, and which people.
//
// Each of a check's notifiers decides for itself, from what it was told of
// the check's latest problem (NotificationState) and its own policy
// (NotifierSpec):
//   - a problem when the check is down or degraded and the notifier has
//     not been told of that status yet, once the problem has lasted its
//     notify_after;
//   - a reminder every remind_every (the check's, else the notifier's)
//     while a problem it was told of lasts and nobody has acknowledged it;
//   - an escalation to its escalate_to once a problem it was told of has
//     gone unacknowledged escalate_after after it began (chains follow);
//   - a resolution when the check is up again after a problem it was told
//     of; a problem that cleared before anyone was told is never resolved;
//   - flapping started/stopped as flapping starts and stops.
// Each only if its notify_on names it. Nothing else while flapping or
// paused: what was held is decided when flapping stops, from the status
// then. The state remembers what each notifier was told, so one incident is
// never told twice, and decisions are a pure function of the state and the
// input: re-folding the same history decides the same.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/model/ids.hpp"
#include "domain/model/notifier_spec.hpp"
#include "domain/rules/flapping.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

enum class NotificationKind : std::uint8_t {
  kProblem = 0,
  kResolved = 1,
  kReminder = 2,
  kEscalation = 3,  // a problem left unacknowledged, told to the next notifier
  kFlappingStarted = 4,
  kFlappingStopped = 5,
  kMaintenanceStarted = 6,
  kMaintenanceEnded = 7,
};

constexpr std::string_view to_string(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::kProblem:
      return "problem";
    case NotificationKind::kResolved:
      return "resolved";
    case NotificationKind::kReminder:
      return "reminder";
    case NotificationKind::kEscalation:
      return "escalation";
    case NotificationKind::kFlappingStarted:
      return "flapping_started";
    case NotificationKind::kFlappingStopped:
      return "flapping_stopped";
    case NotificationKind::kMaintenanceStarted:
      return "maintenance_started";
    case NotificationKind::kMaintenanceEnded:
      return "maintenance_ended";
  }
  return "problem";
}

// Whether a notification of `kind` tells of a problem that lasts.
constexpr bool tells_of_problem(NotificationKind kind) {
  return kind == NotificationKind::kProblem || kind == NotificationKind::kReminder ||
         kind == NotificationKind::kEscalation;
}

// One notifier told of the check's latest problem.
struct ToldNotifier {
  NotifierId notifier;
  Status status = Status::kDown;  // the problem status it was told of last
  Timestamp at{};                 // when it was last told (problem, escalation, reminder)
  Timestamp problem_began{};      // of the problem it was told of

  bool operator==(const ToldNotifier&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notifier, status, at, problem_began);
  }
};

struct NotificationState {
  // The latest problem: when the check went down or degraded from a status
  // that was not failing. It lasts through maintenance and unreachable.
  Timestamp problem_began{};
  bool problem_open = false;
  std::vector<ToldNotifier> told;  // in notifier order

  // What `notifier` was told of the latest problem, or nullptr.
  const ToldNotifier* told_of_latest(const NotifierId& notifier) const;
  // Folds the check's move to `to` at `at`.
  void status_changed(Status to, Timestamp at);
  // Folds a notification of `kind` about `status` to `notifier` at `at`.
  void notified(const NotifierId& notifier, NotificationKind kind, Status status, Timestamp at);

  bool operator==(const NotificationState&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(problem_began, problem_open, told);
  }
};

struct NotificationInput {
  Status status = Status::kPending;  // the check's hard status now
  bool flapping = false;
  std::optional<FlappingChange> flapping_change;  // this step started or stopped flapping
  std::optional<Duration> remind_every;           // the check's own
  Timestamp now{};
  bool acknowledged = false;  // someone took the problem on: no reminders, no escalation
};

struct NotificationRequest {
  NotifierId notifier;
  NotificationKind kind = NotificationKind::kProblem;
  bool operator==(const NotificationRequest&) const = default;
};

// Finds a notifier by id: nullptr when it is not defined.
using FindNotifier = std::function<const NotifierSpec*(const NotifierId&)>;

// What to request now, notifier by notifier: the check's `notifiers` in
// their order, then those escalated to. Notifiers not defined are skipped.
std::vector<NotificationRequest> decide_notifications(const NotificationState& state,
                                                      const NotificationInput& input,
                                                      const std::vector<NotifierId>& notifiers,
                                                      const FindNotifier& find);

// When decide_notifications() will next have something to request with no
// new fact about the check (a delay over, an escalation or a reminder due),
// after `input.now`; nullopt when nothing is waiting on time alone.
std::optional<Timestamp> next_notification_due(const NotificationState& state,
                                               const NotificationInput& input,
                                               const std::vector<NotifierId>& notifiers,
                                               const FindNotifier& find);

}  // namespace nyxmon::domain
