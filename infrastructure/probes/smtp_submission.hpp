// smtp_submission.hpp — hands one message to an SMTP server: the greeting,
// EHLO, STARTTLS (or TLS from the first byte), AUTH PLAIN or LOGIN when a
// user is given (PLAIN when offered, LOGIN otherwise), MAIL FROM, RCPT TO
// for each recipient, DATA with the message dot-stuffed, and QUIT. The
// mail check and the email notifier both send through it.
//
// Refuses to log in over a connection that is not encrypted unless the
// server's security is `none`. Every ending is a value; nothing throws.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/mail_server.hpp"
#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

struct SmtpSubmission {
  domain::MailServer server;
  std::string password;  // as read from server.password now; empty without a login
  std::string from;
  std::vector<std::string> to;
  // The whole message (headers, a blank line, the body), lines ended by
  // CRLF; dot-stuffing is done here.
  std::string message;
};

struct SmtpOutcome {
  std::string failure;  // empty when the server accepted the message
  bool timed_out = false;
  std::string accepted;  // the server's answer to the message: "250 2.0.0 Ok: queued as 4F2"
  std::optional<int> certificate_days_left;
  PhaseTimings timings;  // resolve, connect, tls; total: until the message was accepted
};

// Sends within `deadline`, on the calling coroutine's executor.
boost::asio::awaitable<SmtpOutcome> submit_mail(TlsContexts& tls, const SmtpSubmission& submission,
                                                std::chrono::steady_clock::time_point deadline);

// The same, started on `executor`; `done` is called there exactly once.
// `tls` must outlive it.
void start_mail_submission(boost::asio::any_io_executor executor, TlsContexts& tls,
                           SmtpSubmission submission, std::chrono::nanoseconds timeout,
                           std::function<void(SmtpOutcome)> done);

// RFC 5322's date of `when` in UTC: "Thu, 03 Dec 2026 09:33:07 +0000".
std::string mail_date(std::chrono::system_clock::time_point when);

// `message` with every line that begins with '.' given a second one and
// lone LF turned into CRLF, ended by CRLF "." CRLF: what DATA sends.
std::string dot_stuffed(std::string_view message);

}  // namespace nyxmon::infra::probes
