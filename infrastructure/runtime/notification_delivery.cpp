#include "infrastructure/runtime/notification_delivery.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

std::optional<Timestamp> NotificationDelivery::on_turn(Timestamp now) {
  const auto& outbox = core_.projections().outbox();
  std::optional<Timestamp> next;
  std::vector<Command> given_up;
  for (const auto& [id, pending] : outbox.pending()) {
    if (delivering_.contains(id)) continue;
    if (pending.next_attempt > now) {
      if (!next || pending.next_attempt < *next) next = pending.next_attempt;
      continue;
    }
    const NotifierSpec* spec = outbox.notifier(pending.request.notifier);
    if (!spec) {
      given_up.push_back(RecordNotificationAttempt{.notification = id,
                                                   .notifier = pending.request.notifier,
                                                   .attempt = pending.attempts + 1,
                                                   .reason = "the notifier is no longer defined",
                                                   .check = pending.request.check,
                                                   .kind = pending.request.kind});
      continue;
    }
    delivering_.insert(id);
    notifier_.deliver(pending.request, *spec, pending.attempts + 1);
  }
  for (auto& command : given_up)
    core_.submit(std::move(command));
  return next;
}

void NotificationDelivery::on_batch(std::span<const Command> commands, const BatchResult&) {
  for (const Command& command : commands) {
    if (const auto* attempt = std::get_if<RecordNotificationAttempt>(&command))
      delivering_.erase(attempt->notification);
  }
}

void NotificationDelivery::finish(std::chrono::milliseconds grace) {
  // Only delivery outcomes are recorded now: results of the probes just
  // cancelled say nothing about their targets, and other requests are
  // answered by the next start.
  core_.record_only(
      [](const Command& command) {
        return std::holds_alternative<RecordNotificationAttempt>(command);
      },
      [this] { return !delivering_.empty(); }, std::chrono::steady_clock::now() + grace);
}

}  // namespace nyxmon::infra::runtime
