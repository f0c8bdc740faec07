// http_test_server.hpp — a real HTTP/1.1 server on 127.0.0.1 (plain or TLS)
// whose answers a test scripts per path, for the HTTP probe tests.
//
//   HttpTestServer server;                                  // or HttpTestServer(certificate)
//   server.route("/health", HttpBehaviour::respond(200, "ok"));
//   server.route("/slow", HttpBehaviour::respond(200).after(500ms));
//   server.route("/loop", HttpBehaviour::redirect(302, "/loop"));
//   probe(server.url("/health"));
//   EXPECT_EQ(server.request_count("/health"), 1u);
//   server.set_down(true);                                   // every path: 503
//
// Contract:
// - Listens on 127.0.0.1 with an ephemeral port as soon as it is constructed;
//   runs its own io_context on its own thread; the destructor stops that
//   thread and drops every open connection.
// - Routes match the request path exactly, without the query string. An
//   unrouted path gets 404. Keep-alive is honoured unless a behaviour says
//   otherwise.
// - Clients may disconnect at any point; the server carries on.
// - Every method is thread-safe and may be called while requests are served;
//   a change applies to requests read after it.
//
// Beast stays inside http_test_server.cpp; this header only needs the std
// library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/support/servers/certificates.hpp"
#include "tests/support/servers/http_behaviour.hpp"

namespace nyxmon::testing {

// A request as the server read it, kept for assertions.
struct RecordedHttpRequest {
  std::string method;                                        // "GET"
  std::string target;                                        // "/health?verbose=1"
  std::string path;                                          // "/health"
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::string body;

  // The first header called `name` (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

// Decides a behaviour per request; runs on the server's thread.
using HttpResponder = std::function<HttpBehaviour(const RecordedHttpRequest&)>;

class HttpTestServer {
 public:
  // Plain HTTP.
  HttpTestServer();
  // HTTPS: presents identity.full_chain_pem() with identity.private_key_pem.
  explicit HttpTestServer(const TestCertificate& identity);
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port><path>" (https for a TLS server).
  std::string url(std::string_view path = "/") const;

  // Sets what `path` does from now on, replacing any earlier route.
  void route(std::string path, HttpBehaviour behaviour);
  // As route(), but the behaviour is chosen per request by `responder`.
  void route_with(std::string path, HttpResponder responder);

  // While down, every request is answered 503 "down" whatever its route
  // (requests are still counted and recorded).
  void set_down(bool down);

  // Requests read so far, in all or for one path.
  std::size_t request_count() const;
  std::size_t request_count(std::string_view path) const;
  // TCP connections accepted so far (a keep-alive client reuses one).
  std::size_t connection_count() const;
  // The most recent request read, or nullopt before the first.
  std::optional<RecordedHttpRequest> last_request() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nyxmon::testing
