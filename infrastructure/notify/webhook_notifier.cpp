#include "infrastructure/notify/webhook_notifier.hpp"

#include <algorithm>
#include <chrono>

#include "infrastructure/notify/notification_sending.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;

Duration retry_delay(std::uint32_t attempt) {
  const std::uint32_t doublings = std::min<std::uint32_t>(attempt > 0 ? attempt - 1 : 0, 16);
  const auto delay = std::chrono::seconds(1) * (std::int64_t{1} << doublings);
  return std::chrono::duration_cast<Duration>(
      std::min<std::chrono::seconds>(delay, std::chrono::minutes(5)));
}

WebhookNotifier::WebhookNotifier(boost::asio::any_io_executor executor, Report report,
                                 std::chrono::milliseconds timeout)
    : executor_(std::move(executor)), report_(std::move(report)), timeout_(timeout) {}

void WebhookNotifier::deliver(const NotificationRequested& notification,
                              const NotifierSpec& notifier, std::uint32_t attempt) {
  const RecordNotificationAttempt base{.notification = notification.notification,
                                       .notifier = notifier.id,
                                       .attempt = attempt,
                                       .check = notification.check,
                                       .kind = notification.kind};
  const int max_attempts = std::max(1, notifier.max_attempts);
  send_notification(executor_, tls_, notification, notifier, timeout_,
                    [report = report_, base, max_attempts](NotifierAnswer answer) {
                      RecordNotificationAttempt outcome = base;
                      outcome.http_status = answer.http_status;
                      outcome.delivered = answer.delivered;
                      if (!answer.delivered) {
                        outcome.reason = std::move(answer.failure);
                        if (static_cast<int>(outcome.attempt) < max_attempts) {
                          outcome.retry_at = std::chrono::time_point_cast<Duration>(
                              std::chrono::system_clock::now() + retry_delay(outcome.attempt));
                        }
                      }
                      report(std::move(outcome));
                    });
}

}  // namespace nyxmon::infra::notify
