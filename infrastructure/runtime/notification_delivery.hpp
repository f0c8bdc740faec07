// notification_delivery.hpp — hands the notifications the outbox projection
// holds to the Notifier port when they are due (first attempts and retries),
// one attempt at a time per notification; the outcome comes back to the
// core as a RecordNotificationAttempt, like any fact from outside.
//
// A CorePart: runs on the core thread. The notifier it is given works
// elsewhere (the webhook notifier on the service I/O thread) and must
// outlive it.
#pragma once

#include <chrono>
#include <set>

#include "domain/ports/notifier.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class NotificationDelivery : public CorePart {
 public:
  NotificationDelivery(CoreLoop& core, domain::Notifier& notifier)
      : core_(core), notifier_(notifier) {}

  // Delivers what is due; returns when the next retry is.
  std::optional<domain::Timestamp> on_turn(domain::Timestamp now) override;
  // An attempt whose outcome was decided is no longer under way.
  void on_batch(std::span<const domain::Command> commands,
                const domain::BatchResult& batch) override;

  // At stop, after the loop has run: records the outcomes of deliveries
  // under way as they come, for at most `grace`.
  void finish(std::chrono::milliseconds grace);

 private:
  CoreLoop& core_;
  domain::Notifier& notifier_;
  std::set<domain::NotificationId> delivering_;
};

}  // namespace nyxmon::infra::runtime
