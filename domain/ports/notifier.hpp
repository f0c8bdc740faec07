// notifier.hpp — the port that delivers notifications. deliver() returns at
// once; the result of the attempt comes back as a RecordNotificationAttempt
// command. A slow or dead receiver must never hold up the core.
#pragma once

#include "domain/events/notification_events.hpp"
#include "domain/model/notifier_spec.hpp"

namespace nyxmon::domain {

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void deliver(const NotificationRequested& notification, const NotifierSpec& notifier,
                       std::uint32_t attempt) = 0;
};

}  // namespace nyxmon::domain
