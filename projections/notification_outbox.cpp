#include "projections/notification_outbox.hpp"

#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "OUTB";
// Version 2 added the delivery failures, 3 the notifiers' notification
// policy. An older snapshot is refused, so that they are taken by folding
// the log from its start.
constexpr std::uint16_t kVersion =
    5;  // 4: notifiers with secret and recipient, 5: email notifiers, problem_began
}  // namespace

void NotificationOutbox::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  const Event& event = envelope.event;
  if (const auto* defined = std::get_if<NotifierDefined>(&event)) {
    notifiers_[defined->spec->id] = *defined->spec;
    delivery_failures_.try_emplace(defined->spec->id);
  } else if (const auto* removed = std::get_if<NotifierRemoved>(&event)) {
    notifiers_.erase(removed->notifier);
  } else if (const auto* requested = std::get_if<NotificationRequested>(&event)) {
    last_notification_ = std::max(last_notification_, requested->notification);
    pending_[requested->notification] = PendingNotification{*requested, 0, envelope.recorded_at};
  } else if (const auto* delivered = std::get_if<NotificationDelivered>(&event)) {
    pending_.erase(delivered->notification);
  } else if (const auto* failed = std::get_if<NotificationFailed>(&event)) {
    ++delivery_failures_[failed->notifier].failed_attempts;
    auto it = pending_.find(failed->notification);
    if (it == pending_.end()) return;
    if (!failed->will_retry) {
      pending_.erase(it);
    } else {
      it->second.attempts = failed->attempt;
      it->second.next_attempt = failed->retry_at;
    }
  } else if (const auto* abandoned = std::get_if<NotificationAbandoned>(&event)) {
    ++delivery_failures_[abandoned->notifier].abandoned;
    pending_.erase(abandoned->notification);
  }
}

const NotifierSpec* NotificationOutbox::notifier(const NotifierId& id) const {
  auto it = notifiers_.find(id);
  return it == notifiers_.end() ? nullptr : &it->second;
}

std::vector<const NotifierSpec*> NotificationOutbox::notifiers() const {
  std::vector<const NotifierSpec*> out;
  for (const auto& [id, spec] : notifiers_)
    out.push_back(&spec);
  return out;
}

void NotificationOutbox::snapshot(std::string& out) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  writer(notifiers_, pending_, last_notification_, delivery_failures_);
}

Result<void> NotificationOutbox::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto checkpoint = read_snapshot_header(reader, kMagic, kVersion);
  if (!checkpoint) return fail(std::move(checkpoint.error()));
  std::map<NotifierId, NotifierSpec> notifiers;
  std::map<NotificationId, PendingNotification> pending;
  NotificationId last = 0;
  std::map<NotifierId, DeliveryFailures> delivery_failures;
  reader(notifiers, pending, last, delivery_failures);
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("notification outbox"));
  notifiers_ = std::move(notifiers);
  pending_ = std::move(pending);
  last_notification_ = last;
  delivery_failures_ = std::move(delivery_failures);
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections
