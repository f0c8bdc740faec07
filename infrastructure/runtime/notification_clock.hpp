// notification_clock.hpp — tells people on time when only time has
// passed: a notify_after that is over, an escalation or a reminder that is
// due comes on time, not at the check's next result (a day late, for a
// daily heartbeat). It keeps, for each check with a problem open, when its
// notifiers are next owed something (next_notification_due, the same
// policy that decides), or when its acknowledgement expires, and submits
// DecideNotifications then.
//
// Looks again at a check only when an event changes what it is owed (its
// status, what it was told, an acknowledgement, flapping, its definition),
// at every check when a notifier is defined or removed, and at every check
// once at its first turn; results alone cost it nothing.
//
// A CorePart: runs on the core thread, reading the projections.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class NotificationClock : public CorePart {
 public:
  explicit NotificationClock(CoreLoop& core) : core_(core) {}

  void on_batch(std::span<const domain::Command> commands,
                const domain::BatchResult& batch) override;
  std::optional<domain::Timestamp> on_turn(domain::Timestamp now) override;

 private:
  // When `check` is next owed something after `now`, kept in due_.
  void look_at(const domain::CheckId& check, domain::Timestamp now);

  CoreLoop& core_;
  bool look_at_all_ = true;
  std::set<domain::CheckId> changed_;
  std::set<std::pair<domain::Timestamp, domain::CheckId>> due_;
  std::map<domain::CheckId, domain::Timestamp> due_of_;
};

}  // namespace nyxmon::infra::runtime
