#include "infrastructure/runtime/notification_clock.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

void NotificationClock::on_batch(std::span<const Command>, const BatchResult& batch) {
  for (const Envelope& envelope : batch.appended)
    dues_.note(envelope.event);
}

std::optional<Timestamp> NotificationClock::on_turn(Timestamp now) {
  dues_.refresh(core_.projections(), now);
  // Each decision changes the record (and so brings a new look); one that
  // changes nothing leaves the check waiting for its next event.
  for (const auto& [due, check] : dues_.take_due(now))
    core_.submit(DecideNotifications{check});
  return dues_.next();
}

}  // namespace nyxmon::infra::runtime
