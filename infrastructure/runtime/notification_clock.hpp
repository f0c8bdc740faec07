// notification_clock.hpp — tells people on time when only time has
// passed: a notify_after that is over, an escalation or a reminder that is
// due comes on time, not at the check's next result (a day late, for a
// daily heartbeat). It keeps the timetable of projections/
// notification_dues.hpp over the engine's projections and submits
// DecideNotifications for each check when its time comes.
//
// A CorePart: runs on the core thread, reading the projections.
#pragma once

#include <optional>

#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"
#include "projections/notification_dues.hpp"

namespace nyxmon::infra::runtime {

class NotificationClock : public CorePart {
 public:
  explicit NotificationClock(CoreLoop& core) : core_(core) {}

  void on_batch(std::span<const domain::Command> commands,
                const domain::BatchResult& batch) override;
  std::optional<domain::Timestamp> on_turn(domain::Timestamp now) override;

 private:
  CoreLoop& core_;
  projections::NotificationDues dues_;
};

}  // namespace nyxmon::infra::runtime
