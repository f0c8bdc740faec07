#include "domain/rules/notification_policy.hpp"

namespace nyxmon::domain {
std::optional<NotificationKind> decide_notification(NotificationState& state,
                                                    const NotificationInput& input) {
  if (input.flapping || input.status == Status::kPaused) return std::nullopt;
  const bool decide_now = input.status_changed || input.flapping_stopped;

  if (decide_now && is_problem(input.status) &&
      (!state.problem_notified || state.notified_status != input.status)) {
    state.problem_notified = true;
    state.notified_status = input.status;
    state.last_notified_at = input.now;
    return NotificationKind::kProblem;
  }
  if (decide_now && input.status == Status::kUp && state.problem_notified) {
    state.problem_notified = false;
    state.notified_status = Status::kUp;
    state.last_notified_at = input.now;
    return NotificationKind::kResolved;
  }
  if (state.problem_notified && is_problem(input.status) && input.reminder_interval &&
      !input.acknowledged && input.now - state.last_notified_at >= *input.reminder_interval) {
    state.last_notified_at = input.now;
    return NotificationKind::kReminder;
  }
  return std::nullopt;
}

}  // namespace nyxmon::domain
