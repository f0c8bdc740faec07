#include "infrastructure/notify/notification_sending.hpp"

#include <boost/asio/post.hpp>

#include "infrastructure/notify/email_message.hpp"
#include "infrastructure/notify/webhook_payload.hpp"
#include "infrastructure/probes/http_exchange.hpp"
#include "infrastructure/probes/smtp_submission.hpp"
#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;

namespace {

void fail_soon(boost::asio::any_io_executor executor, std::function<void(NotifierAnswer)> done,
               std::string why) {
  boost::asio::post(executor, [done = std::move(done), why = std::move(why)] {
    done(NotifierAnswer{false, 0, why, {}});
  });
}

// Email: one message through the notifier's SMTP server.
void send_email(boost::asio::any_io_executor executor, probes::TlsContexts& tls,
                const NotificationRequested& notification, const NotifierSpec& notifier,
                std::chrono::milliseconds timeout, std::function<void(NotifierAnswer)> done) {
  if (!notifier.smtp) return fail_soon(executor, std::move(done), "no smtp server given");
  std::string password;
  if (notifier.smtp->password) {
    auto read = system::read_secret(*notifier.smtp->password);
    if (!read) return fail_soon(executor, std::move(done), "smtp.password: " + read.error());
    password = std::move(*read);
  }
  probes::SmtpSubmission submission{
      *notifier.smtp, password, notifier.mail_from, notifier.mail_to,
      compose_email(notification, notifier, probes::mail_date(std::chrono::system_clock::now()))};
  probes::start_mail_submission(
      executor, tls, std::move(submission), timeout,
      [done = std::move(done), password](probes::SmtpOutcome outcome) {
        NotifierAnswer answer;
        answer.body = system::without_secret(outcome.accepted, password);
        if (outcome.failure.empty()) {
          answer.delivered = true;
          answer.http_status = outcome.accepted.empty() ? 250 : std::atoi(outcome.accepted.c_str());
        } else {
          answer.failure = system::without_secret(outcome.failure, password);
        }
        done(std::move(answer));
      });
}

}  // namespace

void send_notification(boost::asio::any_io_executor executor, probes::TlsContexts& tls,
                       const NotificationRequested& notification, const NotifierSpec& notifier,
                       std::chrono::milliseconds timeout,
                       std::function<void(NotifierAnswer)> done) {
  if (notifier.kind == NotifierKind::kEmail)
    return send_email(executor, tls, notification, notifier, timeout, std::move(done));
  std::string secret;
  if (notifier.secret) {
    auto read = system::read_secret(*notifier.secret);
    if (!read) return fail_soon(executor, std::move(done), "secret: " + read.error());
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
