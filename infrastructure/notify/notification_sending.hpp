// notification_sending.hpp — one attempt to hand a notification to its
// notifier: the secret read, the payload built for the kind, one POST (or,
// for email, one message through its SMTP server), and the receiver's
// answer. The engine's WebhookNotifier and `nyxmon notify
// test` both send through it.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <string>

#include "domain/events/notification_events.hpp"
#include "domain/model/notifier_spec.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::notify {

struct NotifierAnswer {
  bool delivered = false;  // a 2xx answer (email: the SMTP server took the message)
  int http_status = 0;     // 0 when no answer came; email: the SMTP reply code (250)
  std::string failure;     // why not delivered, the secret never quoted; empty when delivered
  std::string body;        // the receiver's answer, at most 64 KiB, the secret never quoted
};

// Sends on `executor`; calls `done` there once. `tls` must outlive it.
void send_notification(boost::asio::any_io_executor executor, probes::TlsContexts& tls,
                       const domain::NotificationRequested& notification,
                       const domain::NotifierSpec& notifier, std::chrono::milliseconds timeout,
                       std::function<void(NotifierAnswer)> done);

}  // namespace nyxmon::infra::notify
