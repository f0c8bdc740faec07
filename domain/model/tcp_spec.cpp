#include "domain/model/tcp_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

std::string_view to_string(TcpTlsMode mode) {
  switch (mode) {
    case TcpTlsMode::kNone:
      return "none";
    case TcpTlsMode::kImplicit:
      return "implicit";
    case TcpTlsMode::kStartTlsSmtp:
      return "starttls-smtp";
    case TcpTlsMode::kStartTlsImap:
      return "starttls-imap";
    case TcpTlsMode::kStartTlsPop3:
      return "starttls-pop3";
  }
  return "none";
}

std::optional<TcpTlsMode> parse_tcp_tls_mode(std::string_view text) {
  for (auto mode : {TcpTlsMode::kNone, TcpTlsMode::kImplicit, TcpTlsMode::kStartTlsSmtp,
                    TcpTlsMode::kStartTlsImap, TcpTlsMode::kStartTlsPop3}) {
    if (text == to_string(mode)) return mode;
  }
  return std::nullopt;
}

void validate(const TcpSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_host(spec.host, path + ".host", problems);
  require_port(spec.port, path + ".port", problems);
  if (spec.expect && spec.expect->empty()) {
    problems.push_back({path + ".expect", "is empty; remove it or give the bytes to wait for"});
  }
  require_certificate_days(spec.certificate_warn_days, spec.certificate_fail_days, path, problems);
}

void validate(const TlsSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_host(spec.host, path + ".host", problems);
  require_port(spec.port, path + ".port", problems);
  require_certificate_days(spec.certificate_warn_days, spec.certificate_fail_days, path, problems);
}

}  // namespace nyxmon::domain
