// mail_test_server.hpp — a real SMTP server and a real IMAP server on
// 127.0.0.1 that share one mailbox, for the mail check and the email
// notifier. They answer as Postfix and Dovecot do in what nyxmon uses:
//
//   SMTP  220 greeting; EHLO with PIPELINING, SIZE, STARTTLS (before TLS)
//         and AUTH (only once encrypted, unless security is none); STARTTLS;
//         AUTH PLAIN (with or without the initial response) and LOGIN;
//         530 for MAIL before AUTH when a login is set; MAIL, RCPT (550 for
//         `unknown_recipient`), DATA with dot-unstuffing, RSET, NOOP, QUIT.
//   IMAP  "* OK" greeting; CAPABILITY (STARTTLS and LOGINDISABLED before
//         TLS; UIDPLUS when asked); STARTTLS; LOGIN with quoted or atom
//         arguments; SELECT (INBOX only); NOOP reporting EXISTS; UID SEARCH
//         HEADER; UID STORE +FLAGS(.SILENT) (\Deleted); UID EXPUNGE;
//         EXPUNGE; LOGOUT.
//
//   TestCertificateAuthority ca;
//   MailTestServer mail(ca.issue());
//   ... smtp on mail.smtp_port() (STARTTLS), imap on mail.imap_port() (TLS)
//   EXPECT_EQ(mail.mailbox_size(), 0u);
//
// A message the SMTP server takes arrives in the mailbox after
// `delivery_delay` (never when `deliver` is false). Each server runs its
// own io_context thread; every method is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/servers/certificates.hpp"

namespace nyxmon::testing {

struct MailTestOptions {
  enum class Security { kStartTls, kTls, kNone };
  Security smtp_security = Security::kStartTls;
  Security imap_security = Security::kTls;
  std::string username = "monitor@example.test";
  std::string password = "s3cret pass";
  std::vector<std::string> smtp_auth = {"PLAIN", "LOGIN"};  // the mechanisms offered
  bool smtp_requires_login = true;
  std::chrono::milliseconds delivery_delay{0};
  bool deliver = true;
  bool uidplus = true;
  std::string unknown_recipient;  // RCPT TO this address gets 550
};

// One message the SMTP server took.
struct ReceivedMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;       // the message as sent, dot-unstuffed, lines ended by CRLF
  std::string mechanism;  // "PLAIN", "LOGIN", or empty when no login
  bool encrypted = false;
};

class MailTestServer {
 public:
  explicit MailTestServer(const TestCertificate& identity, MailTestOptions options = {});
  ~MailTestServer();
  MailTestServer(const MailTestServer&) = delete;
  MailTestServer& operator=(const MailTestServer&) = delete;

  std::uint16_t smtp_port() const;
  std::uint16_t imap_port() const;

  std::vector<ReceivedMail> received() const;
  // Messages in the mailbox now (expunged ones gone).
  std::size_t mailbox_size() const;
  // Puts a message straight into the mailbox (as if it arrived late).
  void add_to_mailbox(std::string data);
  // The commands each server read, in order, without IMAP tags.
  std::vector<std::string> smtp_commands() const;
  std::vector<std::string> imap_commands() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nyxmon::testing
