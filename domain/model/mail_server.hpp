// mail_server.hpp — an SMTP or IMAP server as a mail check or an email
// notifier reaches it: where, how the connection is secured (STARTTLS,
// TLS from the first byte, or not at all), and the login, its password read
// from a SecretSource at each use (never recorded).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/secret_source.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

enum class MailSecurity : std::uint8_t {
  kStartTls = 0,  // plain, then STARTTLS before anything else is said
  kTls = 1,       // TLS from the first byte (SMTPS 465, IMAPS 993)
  kNone = 2,      // never encrypted: for a relay on the same host
};

// "starttls", "tls", "none".
std::string_view to_string(MailSecurity security);
std::optional<MailSecurity> parse_mail_security(std::string_view text);

enum class MailProtocol : std::uint8_t { kSmtp, kImap };

struct MailServer {
  std::string host;
  int port = 0;  // 0: the protocol's usual port for `security` (default_port)
  MailSecurity security = MailSecurity::kStartTls;
  bool tls_verify = true;
  std::string ca_file;   // extra trusted CAs, an absolute path; empty: the system's only
  std::string username;  // empty: no login (SMTP only; IMAP always logs in)
  std::optional<SecretSource> password;

  bool operator==(const MailServer&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(host, port, security, tls_verify, ca_file, username, password);
  }
};

// SMTP: 587 (starttls), 465 (tls), 25 (none); IMAP: 143, 993, 143.
int default_port(MailProtocol protocol, MailSecurity security);
// `server.port`, or the default when it is 0.
int port_of(const MailServer& server, MailProtocol protocol);

// Problems at `path` (".host", ".port", ".username", ".password", ...).
// IMAP needs a login; a password needs a username and the other way round.
void validate(const MailServer& server, MailProtocol protocol, const std::string& path,
              ValidationProblems& problems);

// Whether `address` can stand in a MAIL FROM, RCPT TO or header: one
// local@domain, no spaces, angle brackets or line breaks.
bool is_mail_address(std::string_view address);

}  // namespace nyxmon::domain
