// tcp_exchange.hpp — one TCP conversation as a tcp or tls check has it:
// resolve → connect → (TLS, implicit or after a STARTTLS dialogue) → send →
// read until the expected bytes, all within one deadline.
//
// Like the HTTP exchange it observes and reports; the caller judges. Every
// ending is a value, nothing throws out of it.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

enum class TlsMode {
  kNone,
  kImplicit,      // TLS from the first byte (HTTPS-, SMTPS-, IMAPS-style ports)
  kStartTlsSmtp,  // EHLO, STARTTLS, then TLS
  kStartTlsImap,  // a1 STARTTLS, then TLS
  kStartTlsPop3,  // STLS, then TLS
};

struct TcpExchangeRequest {
  std::string host;
  std::uint16_t port = 0;
  TlsMode tls = TlsMode::kNone;
  bool tls_verify = true;
  std::string sni;                    // empty: the host
  std::string ca_file;                // extra trusted CAs, empty for none
  std::optional<std::string> send;    // bytes to write once connected (after TLS)
  std::optional<std::string> expect;  // read until these bytes arrive
  std::size_t max_read_bytes = 64 * 1024;
  std::chrono::nanoseconds timeout = std::chrono::seconds(10);
};

struct TcpExchange {
  std::string failure;  // empty when every step worked and `expect` (if any) was seen
  bool timed_out = false;
  std::string received;  // what was read after connecting (and TLS), capped
  std::optional<int> certificate_days_left;
  PhaseTimings timings;
};

// Starts the conversation on `executor`; calls `done` there exactly once.
void start_tcp_exchange(boost::asio::any_io_executor executor, TlsContexts& tls,
                        TcpExchangeRequest request, std::function<void(TcpExchange)> done);

}  // namespace nyxmon::infra::probes
