// imap_delivery.hpp — waits in an IMAP mailbox for one message: logs in
// (TLS from the first byte, or STARTTLS; LOGIN), selects the mailbox and
// searches for a header value (UID SEARCH HEADER) every poll until the
// message is there or the deadline passes. Found, it deletes the message
// together with every other one that carries the same sweep header (late
// arrivals of earlier rounds): UID STORE \Deleted, then UID EXPUNGE where
// the server has UIDPLUS, EXPUNGE otherwise. Then LOGOUT.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "domain/model/mail_server.hpp"
#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

struct ImapWait {
  domain::MailServer server;
  std::string password;  // as read from server.password now
  std::string mailbox = "INBOX";
  // The header that marks the message waited for, and its value.
  std::string header;
  std::string value;
  // A header every message of this sender carries with `sweep_value`:
  // what is deleted once the message is found. Empty: only the message.
  std::string sweep_header;
  std::string sweep_value;
  std::chrono::nanoseconds poll_every = std::chrono::seconds(5);
};

struct ImapOutcome {
  std::string failure;  // empty when the message was found
  bool timed_out = false;
  std::chrono::steady_clock::time_point found_at{};
  int searches = 0;     // how many times the mailbox was searched
  int deleted = 0;      // messages deleted, the one found among them
  std::string cleanup;  // why deleting failed, when it did (the message was still found)
  std::optional<int> certificate_days_left;
  PhaseTimings timings;  // resolve, connect, tls
};

// Waits within `deadline`, on the calling coroutine's executor.
boost::asio::awaitable<ImapOutcome> wait_for_message(
    TlsContexts& tls, const ImapWait& wait, std::chrono::steady_clock::time_point deadline);

// `text` as an IMAP quoted string: "..." with '\' and '"' escaped.
std::string imap_quoted(std::string_view text);

}  // namespace nyxmon::infra::probes
