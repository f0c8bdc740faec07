#include "infrastructure/notify/notification_sending.hpp"

#include <boost/asio/post.hpp>

#include "infrastructure/notify/webhook_payload.hpp"
#include "infrastructure/probes/http_exchange.hpp"
#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;

void send_notification(boost::asio::any_io_executor executor, probes::TlsContexts& tls,
                       const NotificationRequested& notification, const NotifierSpec& notifier,
                       std::chrono::milliseconds timeout,
                       std::function<void(NotifierAnswer)> done) {
  std::string secret;
  if (notifier.secret) {
    auto read = system::read_secret(*notifier.secret);
    if (!read) {
      boost::asio::post(executor, [done = std::move(done), why = "secret: " + read.error()] {
        done(NotifierAnswer{false, 0, why, {}});
      });
      return;
    }
    secret = std::move(*read);
  }
  const WebhookPayload payload = build_payload(notification, notifier, secret);
  probes::HttpExchangeRequest request;
  request.url = payload.url;
  request.method = "POST";
  request.headers = {{"Content-Type", payload.content_type},
                     {"User-Agent", "nyxmon/" NYXMON_VERSION_STRING},
                     {"Idempotency-Key", "nyxmon-" + std::to_string(notification.notification)}};
  for (const auto& header : payload.headers)
    request.headers.push_back(header);
  for (const auto& [name, value] : notifier.headers)
    request.headers.emplace_back(name, system::with_secret(value, secret));
  request.body = payload.body;
  request.follow_redirects = false;
  request.max_body_bytes = 64 * 1024;
  request.timeout = timeout;
  probes::start_http_exchange(
      executor, tls, std::move(request),
      [done = std::move(done), secret](probes::HttpExchange exchange) {
        NotifierAnswer answer;
        answer.http_status = exchange.status;
        answer.body = system::without_secret(std::move(exchange.body), secret);
        if (exchange.failure.empty() && exchange.status >= 200 && exchange.status < 300) {
          answer.delivered = true;
        } else {
          answer.failure = system::without_secret(
              !exchange.failure.empty()
                  ? exchange.failure
                  : "the receiver answered " + std::to_string(exchange.status),
              secret);
        }
        done(std::move(answer));
      });
}

}  // namespace nyxmon::infra::notify
