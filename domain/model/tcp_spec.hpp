// tcp_spec.hpp — a tcp check: connect, optionally speak TLS (implicit or
// STARTTLS), send bytes and expect bytes back; and a tls check: handshake and
// certificate expiry only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

enum class TcpTlsMode : std::uint8_t {
  kNone = 0,
  kImplicit = 1,
  kStartTlsSmtp = 2,
  kStartTlsImap = 3,
  kStartTlsPop3 = 4,
};

std::string_view to_string(TcpTlsMode mode);
std::optional<TcpTlsMode> parse_tcp_tls_mode(std::string_view text);

struct TcpSpec {
  std::string host;
  int port = 0;
  std::optional<std::string> send;
  std::optional<std::string> expect;
  TcpTlsMode tls = TcpTlsMode::kNone;
  bool tls_verify = true;
  std::string sni;
  std::string ca_file;
  int certificate_warn_days = 14;
  int certificate_fail_days = 3;

  bool operator==(const TcpSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(host, port, send, expect, tls, tls_verify, sni, ca_file, certificate_warn_days,
            certificate_fail_days);
  }
};

struct TlsSpec {
  std::string host;
  int port = 443;
  std::string sni;
  bool tls_verify = true;
  std::string ca_file;
  int certificate_warn_days = 14;
  int certificate_fail_days = 3;

  bool operator==(const TlsSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(host, port, sni, tls_verify, ca_file, certificate_warn_days, certificate_fail_days);
  }
};

void validate(const TcpSpec& spec, const std::string& path, ValidationProblems& problems);
void validate(const TlsSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
