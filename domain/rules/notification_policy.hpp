// notification_policy.hpp — when people are told.
//
// A problem notification on a hard transition to down or degraded; a
// resolved one when a check that was notified as a problem is up again;
// reminders every reminder_interval while a notified problem lasts and
// nobody has acknowledged it. Nothing
// while flapping or paused: held notifications are decided when flapping
// stops, from the status then. The state remembers what was notified, so one
// incident is never notified twice, and decisions are a pure function of the
// state and the input: re-folding the same history decides the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

enum class NotificationKind : std::uint8_t { kProblem = 0, kResolved = 1, kReminder = 2 };

constexpr std::string_view to_string(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::kProblem:
      return "problem";
    case NotificationKind::kResolved:
      return "resolved";
    case NotificationKind::kReminder:
      return "reminder";
  }
  return "problem";
}

struct NotificationState {
  bool problem_notified = false;  // a problem was sent and its resolution not yet
  Status notified_status = Status::kUp;
  Timestamp last_notified_at{};

  bool operator==(const NotificationState&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(problem_notified, notified_status, last_notified_at);
  }
};

struct NotificationInput {
  Status status = Status::kPending;  // the check's hard status now
  bool status_changed = false;       // this step changed it
  bool flapping = false;
  bool flapping_stopped = false;  // this step ended flapping: decide what was held
  std::optional<Duration> reminder_interval;
  Timestamp now{};
  bool acknowledged = false;  // someone took the problem on: no reminders
};

// What to request now, if anything; updates `state` as if it was requested.
std::optional<NotificationKind> decide_notification(NotificationState& state,
                                                    const NotificationInput& input);

}  // namespace nyxmon::domain
