#include "infrastructure/probes/failure_reason.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <cstdio>

namespace nyxmon::infra::probes {

std::string format_duration(std::chrono::nanoseconds duration) {
  using namespace std::chrono;
  const double ms = duration_cast<microseconds>(duration).count() / 1000.0;
  char text[32];
  if (ms < 1000) {
    std::snprintf(text, sizeof text, "%gms",
                  ms < 10 ? ms : static_cast<double>(static_cast<long>(ms)));
  } else if (ms < 120'000) {
    std::snprintf(text, sizeof text, "%gs", static_cast<double>(static_cast<long>(ms / 100)) / 10);
  } else {
    std::snprintf(text, sizeof text, "%gm", static_cast<double>(static_cast<long>(ms / 6000)) / 10);
  }
  return text;
}

std::string describe_socket_error(const boost::system::error_code& error, const std::string& where,
                                  const std::string& doing) {
  namespace asio_error = boost::asio::error;
  if (error == asio_error::connection_refused) return "connection refused by " + where;
  if (error == asio_error::connection_reset) return "connection reset by " + where;
  if (error == asio_error::eof) return "connection closed by " + where;
  if (error == asio_error::host_unreachable) return "host unreachable: " + where;
  if (error == asio_error::network_unreachable) return "network unreachable: " + where;
  if (error == asio_error::timed_out) return "timed out " + doing + " " + where;
  return doing + " " + where + " failed: " + error.message();
}

std::string describe_tls_error(SSL* connection, const boost::system::error_code& error,
                               const std::string& where) {
  const long verify = SSL_get_verify_result(connection);
  if (verify != X509_V_OK) {
    return std::string("TLS certificate of ") + where +
           " rejected: " + X509_verify_cert_error_string(verify);
  }
  if (error == boost::asio::ssl::error::stream_truncated) {
    return "TLS connection closed by " + where + " during the handshake";
  }
  return "TLS handshake with " + where + " failed: " + error.message();
}

}  // namespace nyxmon::infra::probes
