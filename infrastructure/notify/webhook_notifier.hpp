// webhook_notifier.hpp — delivers notifications: one POST per attempt
// with the notifier's payload and headers (an email notifier: one message
// through its SMTP server, see notification_sending.hpp), plus
// "Idempotency-Key: nyxmon-<notification id>" so that a receiver can drop
// the rare repeat (an attempt cut off by a crash is made again after the
// restart). A 2xx answer is a delivery; anything else a failure, retried
// with backoff (1 s, 2 s, 4 s, ... at most 5 min) until the notifier's
// max_attempts are spent.
//
// Runs on an io_context of its own choosing; deliver() returns at once and
// the attempt's outcome comes back through `report` as a command, so a slow
// or dead receiver holds up nothing but its own delivery.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <functional>

#include "domain/commands/command.hpp"
#include "domain/ports/notifier.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::notify {

// The wait before attempt `attempt + 1` after attempt `attempt` failed.
domain::Duration retry_delay(std::uint32_t attempt);

class WebhookNotifier : public domain::Notifier {
 public:
  using Report = std::function<void(domain::RecordNotificationAttempt)>;
  WebhookNotifier(boost::asio::any_io_executor executor, Report report,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

  void deliver(const domain::NotificationRequested& notification,
               const domain::NotifierSpec& notifier, std::uint32_t attempt) override;

 private:
  boost::asio::any_io_executor executor_;
  Report report_;
  std::chrono::milliseconds timeout_;
  probes::TlsContexts tls_;
};

}  // namespace nyxmon::infra::notify
