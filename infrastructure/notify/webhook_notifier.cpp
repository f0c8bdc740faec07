#include "infrastructure/notify/webhook_notifier.hpp"

#include <algorithm>
#include <chrono>

#include "infrastructure/notify/webhook_payload.hpp"
#include "infrastructure/probes/http_exchange.hpp"

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
  const WebhookPayload payload = build_payload(notification, notifier);
  probes::HttpExchangeRequest request;
  request.url = notifier.url;
  request.method = "POST";
  request.headers = {{"Content-Type", payload.content_type},
                     {"User-Agent", "nyxmon/" NYXMON_VERSION_STRING},
                     {"Idempotency-Key", "nyxmon-" + std::to_string(notification.notification)}};
  for (const auto& header : payload.headers)
    request.headers.push_back(header);
  for (const auto& header : notifier.headers)
    request.headers.push_back(header);
  request.body = payload.body;
  request.follow_redirects = false;
  request.max_body_bytes = 64 * 1024;
  request.timeout = timeout_;

  const RecordNotificationAttempt base{.notification = notification.notification,
                                       .notifier = notifier.id,
                                       .attempt = attempt,
                                       .check = notification.check,
                                       .kind = notification.kind};
  const int max_attempts = std::max(1, notifier.max_attempts);
  probes::start_http_exchange(
      executor_, tls_, std::move(request),
      [report = report_, base, max_attempts](probes::HttpExchange exchange) mutable {
        RecordNotificationAttempt outcome = base;
        outcome.http_status = exchange.status;
        if (exchange.failure.empty() && exchange.status >= 200 && exchange.status < 300) {
          outcome.delivered = true;
        } else {
          outcome.reason = !exchange.failure.empty()
                               ? exchange.failure
                               : "the receiver answered " + std::to_string(exchange.status);
          if (static_cast<int>(outcome.attempt) < max_attempts) {
            outcome.retry_at = std::chrono::time_point_cast<Duration>(
                std::chrono::system_clock::now() + retry_delay(outcome.attempt));
          }
        }
        report(std::move(outcome));
      });
}

}  // namespace nyxmon::infra::notify
