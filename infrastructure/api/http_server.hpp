// http_server.hpp — the engine's HTTP listener: accepts connections on one
// io_context, parses requests with Beast within limits, and hands each to
// an HttpHandler.
//
// Limits, so that no client can hold the engine hostage: request headers are
// capped (431 beyond), bodies are capped (413), a request's headers must be
// whole within the header timeout of its first byte and its body within the
// read timeout, a response must be taken within the write timeout; a
// connection that is silent for the read timeout is closed. Malformed
// requests get a 400 with a JSON error body. Connections are kept alive
// between requests.
//
// Slow clients cannot crowd out the others (slowloris): the connections are
// capped in all and per client address, and a newcomer over either cap is
// let in by closing the connection (of all, or of that address) that has
// waited longest without completing a request. Only when none is waiting
// (every one has a request being answered) is the newcomer closed instead.
//
// With a ServerTls, it speaks HTTPS only: the TLS handshake must be done
// within the header timeout.
//
// Thread-safety: everything runs on the io_context's thread (run it on one);
// the handler's Respond may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "infrastructure/api/http_message.hpp"
#include "infrastructure/api/server_tls.hpp"
#include "infrastructure/system/owned_descriptor.hpp"

namespace nyxmon::infra::api {

struct HttpLimits {
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // How long a connection may wait silent for a request (a kept-alive one
  // between requests too), and how long a request's body may take after its
  // headers.
  std::chrono::milliseconds read_timeout = std::chrono::seconds(10);
  // From a request's first byte to the end of its headers (the read timeout
  // when that is shorter): a client that trickles them in is closed then.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(5);
  std::chrono::milliseconds write_timeout = std::chrono::seconds(10);
  // A handler that has not responded by then gets a 503 (long polls stay
  // below it).
  std::chrono::milliseconds handler_timeout = std::chrono::seconds(60);
  std::size_t max_connections = 512;
  // Connections from one client address (an IPv6 client's /64). A reverse
  // proxy on the same machine is one address: raise it to max_connections.
  std::size_t max_connections_per_address = 128;
};

// A listening TCP socket, bound before the server runs: the engine binds it
// before it touches its store, so that a port already taken stops it with
// nothing written.
class ListeningSocket {
 public:
  // Binds and listens on `address` ("127.0.0.1:8787", "[::1]:8787",
  // "0.0.0.0:80"; port 0 picks a free one). Fails with kInvalidArgument on
  // an address that does not parse and kIo when it cannot be bound.
  static domain::Result<ListeningSocket> bind(const std::string& address);

  // The address actually bound, "127.0.0.1:41234".
  const std::string& bound_address() const { return bound_address_; }
  std::uint16_t port() const { return port_; }

 private:
  friend class HttpServer;
  ListeningSocket() = default;
  system::OwnedDescriptor descriptor_;
  std::string bound_address_;
  std::uint16_t port_ = 0;
  bool v6_ = false;
};

class HttpServer {
 public:
  // Serves on `socket`, on `io`'s thread; HTTPS when `tls` is given.
  static std::unique_ptr<HttpServer> start(boost::asio::io_context& io, ListeningSocket socket,
                                           HttpHandler handler, HttpLimits limits = {},
                                           std::optional<ServerTls> tls = std::nullopt);
  // Binds `address` (as ListeningSocket::bind) and serves there.
  static domain::Result<std::unique_ptr<HttpServer>> start(boost::asio::io_context& io,
                                                           const std::string& address,
                                                           HttpHandler handler,
                                                           HttpLimits limits = {});
  ~HttpServer();  // stops accepting; open connections end with the io_context

  // The address actually bound, "127.0.0.1:41234".
  const std::string& bound_address() const { return bound_address_; }
  std::uint16_t port() const { return port_; }

 private:
  struct Listener;
  HttpServer(std::shared_ptr<Listener> listener, std::string bound_address, std::uint16_t port)
      : listener_(std::move(listener)), bound_address_(std::move(bound_address)), port_(port) {}
  std::shared_ptr<Listener> listener_;
  std::string bound_address_;
  std::uint16_t port_;
};

// Splits "host:port" / "[v6]:port" into an address and a port; fails with
// a message naming the text.
domain::Result<std::pair<std::string, std::uint16_t>> parse_listen_address(const std::string& text);

}  // namespace nyxmon::infra::api
