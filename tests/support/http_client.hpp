// http_client.hpp — a real HTTP client for tests: one request over loopback
// (through the probes' HTTP exchange), its status, headers and body.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace nyxmon::testing {

struct HttpReply {
  std::string failure;  // empty when a response arrived
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(std::string_view name) const;  // empty when absent
  boost::json::value json() const;                  // throws when the body is not JSON
};

HttpReply http_request(const std::string& method, const std::string& url,
                       std::vector<std::pair<std::string, std::string>> headers = {},
                       std::string body = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Sends `raw` bytes over a fresh TCP connection to 127.0.0.1:`port` and
// returns whatever comes back until the server closes or `timeout` passes.
std::string raw_exchange(std::uint16_t port, const std::string& raw,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

// The same from the local address `source` ("127.0.0.2": any of 127/8 is
// loopback on Linux), for tests of what a server does per client address.
std::string raw_exchange_from(const std::string& source, std::uint16_t port, const std::string& raw,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace nyxmon::testing
