// mail_spec.hpp — a mail check: a delivery round trip. A message carrying a
// unique token is handed to an SMTP server, then an IMAP mailbox is polled
// until the message arrives (and is deleted) or the check's timeout passes.
//
// The outcome is fail when the message cannot be sent or does not arrive in
// time, warn when it arrives later than `warn_after`, ok otherwise; the
// result measures the send time and the delivery delay.
#pragma once

#include <optional>
#include <string>

#include "domain/model/mail_server.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct MailSpec {
  MailServer smtp;                                  // STARTTLS on 587 unless said
  MailServer imap{.security = MailSecurity::kTls};  // TLS on 993 unless said
  std::string from;                                 // envelope sender and From:
  std::string to;                                   // the mailbox IMAP reads
  std::string mailbox = "INBOX";                    // the IMAP folder the message arrives in
  Duration poll_every = std::chrono::seconds(5);
  std::optional<Duration> warn_after;  // a delivery slower than this warns

  bool operator==(const MailSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(smtp, imap, from, to, mailbox, poll_every, warn_after);
  }
};

void validate(const MailSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
