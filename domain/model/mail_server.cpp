#include "domain/model/mail_server.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

std::string_view to_string(MailSecurity security) {
  switch (security) {
    case MailSecurity::kStartTls:
      return "starttls";
    case MailSecurity::kTls:
      return "tls";
    case MailSecurity::kNone:
      return "none";
  }
  return "starttls";
}

std::optional<MailSecurity> parse_mail_security(std::string_view text) {
  for (MailSecurity security : {MailSecurity::kStartTls, MailSecurity::kTls, MailSecurity::kNone})
    if (text == to_string(security)) return security;
  return std::nullopt;
}

int default_port(MailProtocol protocol, MailSecurity security) {
  if (protocol == MailProtocol::kSmtp) {
    return security == MailSecurity::kTls ? 465 : security == MailSecurity::kNone ? 25 : 587;
  }
  return security == MailSecurity::kTls ? 993 : 143;
}

int port_of(const MailServer& server, MailProtocol protocol) {
  return server.port != 0 ? server.port : default_port(protocol, server.security);
}

void validate(const MailServer& server, MailProtocol protocol, const std::string& path,
              ValidationProblems& problems) {
  require_host(server.host, path + ".host", problems);
  if (server.port != 0) require_port(server.port, path + ".port", problems);
  if (!server.ca_file.empty() && !server.ca_file.starts_with('/'))
    problems.push_back({path + ".ca_file", "'" + server.ca_file + "' is not an absolute path"});
  const bool needs_login = protocol == MailProtocol::kImap;
  if (server.username.empty() && (needs_login || server.password)) {
    problems.push_back({path + ".username", needs_login ? "is missing; IMAP needs a login"
                                                        : "is missing; a password needs a user"});
  }
  if (server.username.find_first_of("\r\n\0", 0, 3) != std::string::npos)
    problems.push_back({path + ".username", "holds a line break or a NUL byte"});
  if (!server.username.empty() && !server.password) {
    problems.push_back(
        {path + ".password", "is missing; give password: { env: NAME } or { file: PATH }"});
  }
  if (server.password) validate(*server.password, path + ".password", problems);
}

bool is_mail_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  if (address.size() > 254) return false;
  for (unsigned char c : address) {
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == 0x7f) return false;
  }
  return true;
}

}  // namespace nyxmon::domain
