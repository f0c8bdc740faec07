// failure_reason.hpp — short, human reasons for the ways a probe can fail:
// "connection refused by 127.0.0.1:8081", "certificate has expired
// (127.0.0.1:8443)", "timed out after 2s".
#pragma once

#include <openssl/ssl.h>

#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>

namespace nyxmon::infra::probes {

// "250ms", "2s", "1.5s", "3m".
std::string format_duration(std::chrono::nanoseconds duration);

// `doing` is what was being done to `where`: "connecting to", "reading from".
std::string describe_socket_error(const boost::system::error_code& error, const std::string& where,
                                  const std::string& doing);

// Names the verification failure when there is one ("certificate has
// expired", "hostname mismatch"), the TLS error otherwise.
std::string describe_tls_error(SSL* connection, const boost::system::error_code& error,
                               const std::string& where);

}  // namespace nyxmon::infra::probes
