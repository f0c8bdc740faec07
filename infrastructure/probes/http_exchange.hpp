// http_exchange.hpp — one HTTP(S) request/response, redirects included, as
// an HTTP check makes it: resolve → connect → TLS → write → read, each step
// bounded by the run's one deadline.
//
// It observes; it does not judge. Whether a status or body is acceptable is
// decided by the caller from the HttpExchange it gets back. Every way the
// exchange can end is a value: nothing throws out of it. A fresh connection
// is made per request. The body read is capped at max_body_bytes; beyond
// that the rest is not read (body_truncated), so an endless or huge body
// costs no more memory than the cap.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

struct HttpExchangeRequest {
  std::string url;
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool follow_redirects = true;
  int max_redirects = 5;
  bool tls_verify = true;
  std::string sni;                 // empty: the URL's host
  std::string ca_file;             // extra trusted CAs, empty for none
  ClientIdentity client_identity;  // presented for mutual TLS; empty: none
  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::chrono::nanoseconds timeout = std::chrono::seconds(10);
};

struct HttpExchange {
  // Empty when a response arrived; otherwise why none did, for a person:
  // "connection refused by 127.0.0.1:8081", "timed out after 2s waiting for
  // the first byte", "redirect loop: /a → /b → /a".
  std::string failure;
  bool timed_out = false;

  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // of the final response
  std::string body;
  bool body_truncated = false;
  std::string final_url;
  int redirects_followed = 0;
  std::optional<std::string> first_location;  // Location of the first response, if any
  std::optional<int> certificate_days_left;   // of the final connection, when TLS
  PhaseTimings timings;                       // of the final hop; total covers all hops

  std::optional<std::string> header(std::string_view name) const;
};

// Starts the exchange on `executor` and calls `done` there once, however it
// ends. `tls` must outlive the exchange.
void start_http_exchange(boost::asio::any_io_executor executor, TlsContexts& tls,
                         HttpExchangeRequest request, std::function<void(HttpExchange)> done);

}  // namespace nyxmon::infra::probes
