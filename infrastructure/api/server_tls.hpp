// server_tls.hpp — HTTPS for the engine's own listener (engine.tls), for
// those who serve the page without a reverse proxy: a certificate chain
// and its private key, PEM files read once at start. TLS 1.2 and 1.3 only.
#pragma once

#include <memory>
#include <string>

#include "domain/error.hpp"

namespace boost::asio::ssl {
class context;
}

namespace nyxmon::infra::api {

struct ServerTlsFiles {
  std::string certificate;  // PEM: the server's certificate, then any intermediates
  std::string key;          // PEM: its private key

  bool operator==(const ServerTlsFiles&) const = default;
};

// A loaded certificate and key, ready for the listener; shared by every
// connection.
class ServerTls {
 public:
  // Fails (kInvalidArgument) naming the file that cannot be read or does not
  // hold what it should, or a key that does not match the certificate.
  static domain::Result<ServerTls> load(const ServerTlsFiles& files);

  boost::asio::ssl::context& context() const { return *context_; }

 private:
  std::shared_ptr<boost::asio::ssl::context> context_;
};

}  // namespace nyxmon::infra::api
