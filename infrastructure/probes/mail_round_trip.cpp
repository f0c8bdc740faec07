#include "infrastructure/probes/mail_round_trip.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdio>
#include <memory>
#include <random>

#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/imap_delivery.hpp"
#include "infrastructure/probes/smtp_submission.hpp"
#include "infrastructure/probes/spawn_probe.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

std::string message_text(const MailRoundTripRequest& request, const std::string& message_id) {
  const auto& spec = request.spec;
  return "Date: " + request.date + "\r\nFrom: <" + spec.from + ">\r\nTo: <" + spec.to +
         ">\r\nSubject: nyxmon mail check " + request.check + " " + request.token +
         "\r\nMessage-ID: " + message_id + "\r\nX-Nyxmon-Check: " + request.check +
         "\r\nX-Nyxmon-Token: " + request.token +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
         "This message was sent by nyxmon's mail check '" +
         request.check + "' to see that mail is delivered.\r\nIt is deleted when it arrives.\r\n";
}

class RoundTrip {
 public:
  explicit RoundTrip(TlsContexts& tls, MailRoundTripRequest request)
      : tls_(tls), request_(std::move(request)) {}

  asio::awaitable<MailRoundTrip> run() {
    const auto started = Clock::now();
    const auto deadline = started + request_.timeout;
    const auto& spec = request_.spec;
    MailRoundTrip trip;
    trip.message_id = "<" + request_.token + "@" + spec.from.substr(spec.from.rfind('@') + 1) + ">";

    SmtpSubmission submission{spec.smtp,
                              request_.smtp_password,
                              spec.from,
                              {spec.to},
                              message_text(request_, trip.message_id)};
    const SmtpOutcome sent = co_await submit_mail(tls_, submission, deadline);
    trip.timings = sent.timings;
    trip.certificate_days_left = sent.certificate_days_left;
    if (!sent.failure.empty()) {
      trip.timed_out = sent.timed_out;
      trip.failure = "sending: " + timed_out_after(sent.failure, sent.timed_out);
      trip.timings.total = Clock::now() - started;
      co_return trip;
    }
    trip.sent = true;
    trip.accepted = sent.accepted;
    const auto accepted_at = Clock::now();
    trip.send_time = accepted_at - started;

    ImapWait wait{spec.imap,      request_.imap_password, spec.mailbox,   "X-Nyxmon-Token",
                  request_.token, "X-Nyxmon-Check",       request_.check, spec.poll_every};
    const ImapOutcome found = co_await wait_for_message(tls_, wait, deadline);
    trip.searches = found.searches;
    trip.timings.total = Clock::now() - started;
    if (found.certificate_days_left &&
        (!trip.certificate_days_left || *found.certificate_days_left < *trip.certificate_days_left))
      trip.certificate_days_left = found.certificate_days_left;
    if (!found.failure.empty()) {
      trip.timed_out = found.timed_out;
      trip.failure =
          found.searches > 0 && found.timed_out
              ? "sent, but not delivered to " + spec.mailbox + " within " +
                    format_duration(request_.timeout) + " (" + std::to_string(found.searches) +
                    " searches)"
              : "sent, but reading the mailbox: " + timed_out_after(found.failure, found.timed_out);
      co_return trip;
    }
    trip.delivery_delay = found.found_at - accepted_at;
    trip.deleted = found.deleted;
    trip.cleanup = found.cleanup;
    co_return trip;
  }

 private:
  std::string timed_out_after(const std::string& failure, bool timed_out) const {
    if (!timed_out || !failure.starts_with("timed out ")) return failure;
    return "timed out after " + format_duration(request_.timeout) + failure.substr(9);
  }

  TlsContexts& tls_;
  MailRoundTripRequest request_;
};

}  // namespace

void start_mail_round_trip(asio::any_io_executor executor, TlsContexts& tls,
                           MailRoundTripRequest request, std::function<void(MailRoundTrip)> done) {
  auto trip = std::make_shared<RoundTrip>(tls, std::move(request));
  spawn_probe<RoundTrip, MailRoundTrip>(std::move(executor), std::move(trip), std::move(done));
}

std::string new_mail_token() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return text;
}

}  // namespace nyxmon::infra::probes
