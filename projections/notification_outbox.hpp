// notification_outbox.hpp — notifications requested and not yet delivered
// (or given up on), the notifiers they go to, and how deliveries to each
// have gone wrong so far. Folded from NotifierDefined/Removed and
// NotificationRequested/Delivered/Failed/Abandoned.
//
// After a restart the engine delivers what is pending here: each
// notification is delivered until one attempt succeeds or its notifier's
// attempts run out, and never again after a NotificationDelivered.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"

namespace nyxmon::projections {

struct PendingNotification {
  domain::NotificationRequested request;
  std::uint32_t attempts = 0;        // made so far
  domain::Timestamp next_attempt{};  // when the next may be made

  bool operator==(const PendingNotification&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(request, attempts, next_attempt);
  }
};

// Counted over the whole log, per notifier (so they survive restarts, and
// only grow: Prometheus counters).
struct DeliveryFailures {
  std::uint64_t failed_attempts = 0;  // NotificationFailed
  std::uint64_t abandoned = 0;        // NotificationAbandoned

  bool operator==(const DeliveryFailures&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(failed_attempts, abandoned);
  }
};

class NotificationOutbox {
 public:
  void apply(const domain::Envelope& envelope);

  const domain::NotifierSpec* notifier(const domain::NotifierId& id) const;
  std::vector<const domain::NotifierSpec*> notifiers() const;
  // Pending notifications, by id (the order they were requested).
  const std::map<domain::NotificationId, PendingNotification>& pending() const { return pending_; }
  domain::NotificationId last_notification() const { return last_notification_; }
  // Every notifier ever defined or delivered to, removed ones included.
  const std::map<domain::NotifierId, DeliveryFailures>& delivery_failures() const {
    return delivery_failures_;
  }
  std::uint64_t checkpoint() const { return checkpoint_; }

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  std::map<domain::NotifierId, domain::NotifierSpec> notifiers_;
  std::map<domain::NotificationId, PendingNotification> pending_;
  std::map<domain::NotifierId, DeliveryFailures> delivery_failures_;
  domain::NotificationId last_notification_ = 0;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
