// mail_round_trip.hpp — a mail check's run: a message with a unique token
// handed to the SMTP server, then the IMAP mailbox searched until it
// arrives (and is deleted, with any late arrival of an earlier run of the
// same check) or the timeout passes. Observes and reports; the judge
// decides.
//
// The message carries X-Nyxmon-Check: <check> and X-Nyxmon-Token: <token>
// headers, a Message-ID of <token@the sender's domain> and a short plain
// text body saying what it is.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "domain/model/mail_spec.hpp"
#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

struct MailRoundTripRequest {
  domain::MailSpec spec;
  std::string check;          // the check's id, in the message and its sweep header
  std::string smtp_password;  // as read now; empty without a login
  std::string imap_password;
  std::string token;  // unique per run (new_mail_token)
  std::string date;   // the Date: header (mail_date in smtp_submission.hpp)
  std::chrono::nanoseconds timeout = std::chrono::minutes(2);
};

struct MailRoundTrip {
  std::string failure;  // empty when the message was sent and arrived
  bool timed_out = false;
  bool sent = false;
  std::string accepted;  // the SMTP server's answer to the message
  std::string message_id;
  std::chrono::nanoseconds send_time{0};       // from the start until the message was accepted
  std::chrono::nanoseconds delivery_delay{0};  // from accepted until found in the mailbox
  int searches = 0;
  int deleted = 0;
  std::string cleanup;  // why the found message could not be deleted, when it could not
  std::optional<int> certificate_days_left;  // the earlier expiry of the two servers'
  PhaseTimings timings;  // resolve, connect and tls of the SMTP connection; total
};

void start_mail_round_trip(boost::asio::any_io_executor executor, TlsContexts& tls,
                           MailRoundTripRequest request, std::function<void(MailRoundTrip)> done);

// 32 random hexadecimal digits.
std::string new_mail_token();

}  // namespace nyxmon::infra::probes
