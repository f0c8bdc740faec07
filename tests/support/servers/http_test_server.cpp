// The one translation unit of the test servers that includes Beast.
#include "tests/support/servers/http_test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <variant>

#include "infrastructure/asio/contain_failure.hpp"
#include "tests/support/servers/io_thread.hpp"

namespace nyxmon::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// --- HttpBehaviour -----------------------------------------------------------

HttpBehaviour HttpBehaviour::respond(unsigned status, std::string body, std::string content_type) {
  HttpBehaviour behaviour{.status = status, .body = std::move(body)};
  behaviour.headers.emplace_back("Content-Type", std::move(content_type));
  return behaviour;
}

HttpBehaviour HttpBehaviour::json(std::string json_text, unsigned status) {
  return respond(status, std::move(json_text), "application/json");
}

HttpBehaviour HttpBehaviour::redirect(unsigned status, std::string location) {
  HttpBehaviour behaviour = respond(status, "redirecting to " + location);
  behaviour.headers.emplace_back("Location", std::move(location));
  return behaviour;
}

HttpBehaviour HttpBehaviour::huge_body(std::size_t bytes) {
  HttpBehaviour behaviour = respond(200);
  behaviour.generated_body_bytes = bytes;
  return behaviour;
}

HttpBehaviour HttpBehaviour::endless_body(std::chrono::milliseconds pause_between_chunks) {
  HttpBehaviour behaviour = respond(200);
  behaviour.action = Action::endless_body;
  behaviour.trickle_interval = pause_between_chunks;
  return behaviour;
}

HttpBehaviour HttpBehaviour::reset_connection() {
  return {.action = Action::reset_connection};
}

HttpBehaviour HttpBehaviour::close_connection() {
  return {.action = Action::close_connection};
}

HttpBehaviour HttpBehaviour::garbage(std::string bytes) {
  HttpBehaviour behaviour{.action = Action::garbage};
  if (!bytes.empty()) behaviour.garbage_bytes = std::move(bytes);
  return behaviour;
}

HttpBehaviour HttpBehaviour::with_header(std::string name, std::string value) const {
  HttpBehaviour copy = *this;
  std::erase_if(copy.headers,
                [&](const auto& header) { return beast::iequals(header.first, name); });
  copy.headers.emplace_back(std::move(name), std::move(value));
  return copy;
}

HttpBehaviour HttpBehaviour::after(std::chrono::milliseconds delay_before_first_byte) const {
  HttpBehaviour copy = *this;
  copy.first_byte_delay = delay_before_first_byte;
  return copy;
}

HttpBehaviour HttpBehaviour::trickled(std::chrono::milliseconds pause_between_bytes) const {
  HttpBehaviour copy = *this;
  copy.trickle_interval = pause_between_bytes;
  return copy;
}

HttpBehaviour HttpBehaviour::closing() const {
  HttpBehaviour copy = *this;
  copy.close_after_response = true;
  return copy;
}

// --- RecordedHttpRequest -----------------------------------------------------

std::optional<std::string> RecordedHttpRequest::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (beast::iequals(field, name)) return value;
  }
  return std::nullopt;
}

// --- HttpTestServer ----------------------------------------------------------

namespace {

constexpr std::size_t kSliceBytes = 64 * 1024;
constexpr std::size_t kRequestBodyLimit = 64 * 1024 * 1024;
constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr auto kTlsCloseTimeout = std::chrono::seconds(1);

awaitable<void> delay_for(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(use_awaitable);
}

// Writes `bytes`, all at once or one byte per `trickle_interval`.
template <class Stream>
awaitable<void> send(Stream& stream, std::string_view bytes,
                     std::chrono::milliseconds trickle_interval) {
  if (trickle_interval.count() == 0) {
    co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), use_awaitable);
    co_return;
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) co_await delay_for(trickle_interval);
    co_await asio::async_write(stream, asio::buffer(bytes.data() + i, 1), use_awaitable);
  }
}

tcp::socket& socket_of(beast::tcp_stream& stream) {
  return stream.socket();
}
tcp::socket& socket_of(beast::ssl_stream<beast::tcp_stream>& stream) {
  return stream.next_layer().socket();
}

void close_now(tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

awaitable<void> close_gracefully(beast::tcp_stream& stream) {
  close_now(stream.socket());
  co_return;
}

// Sends close_notify and waits briefly for the client's before closing.
awaitable<void> close_gracefully(beast::ssl_stream<beast::tcp_stream>& stream) {
  stream.next_layer().expires_after(kTlsCloseTimeout);
  co_await stream.async_shutdown(asio::as_tuple(use_awaitable));  // a refusal changes nothing
  close_now(stream.next_layer().socket());
}

RecordedHttpRequest record(const http::request<http::string_body>& request) {
  RecordedHttpRequest recorded;
  recorded.method = std::string(request.method_string());
  recorded.target = std::string(request.target());
  recorded.path = recorded.target.substr(0, recorded.target.find('?'));
  for (const auto& field : request)
    recorded.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  recorded.body = request.body();
  return recorded;
}

// The status line and fields of `behaviour`'s response; `body_bytes` is
// announced as Content-Length unless the body is chunked.
std::string response_head(const HttpBehaviour& behaviour, unsigned version, bool keep_alive,
                          std::size_t body_bytes, bool chunked) {
  http::response<http::empty_body> response(static_cast<http::status>(behaviour.status), version);
  response.set(http::field::server, "nyxmon-test");
  if (chunked) {
    response.chunked(true);
  } else {
    response.content_length(body_bytes);
  }
  response.keep_alive(keep_alive);
  // A behaviour's own Content-Length (a lying one, say) or Server replaces the
  // server's; other fields add up.
  for (const auto& [name, value] : behaviour.headers) {
    if (beast::iequals(name, "Content-Length") || beast::iequals(name, "Transfer-Encoding") ||
        beast::iequals(name, "Server")) {
      response.set(name, value);
    } else {
      response.insert(name, value);
    }
  }
  std::ostringstream head;
  head << response.base();
  return std::move(head).str();
}

}  // namespace

struct HttpTestServer::Impl {
  using Route = std::variant<HttpBehaviour, HttpResponder>;

  // State shared with the tests; guarded by `mutex`. Declared before `io` so
  // that it outlives the connection coroutines (see io_thread.hpp).
  mutable std::mutex mutex;
  std::map<std::string, Route, std::less<>> routes;
  std::map<std::string, std::size_t, std::less<>> requests_by_path;
  std::size_t requests = 0;
  std::optional<RecordedHttpRequest> last_request;
  std::atomic<bool> down{false};
  std::atomic<std::size_t> connections{0};

  std::optional<asio::ssl::context> tls;
  IoThread io;
  tcp::acceptor acceptor{io.context()};
  std::uint16_t port = 0;

  explicit Impl(const TestCertificate* identity) {
    if (identity != nullptr) {
      tls.emplace(asio::ssl::context::tls_server);
      std::string chain = identity->full_chain_pem();
      tls->use_certificate_chain(asio::buffer(chain));
      tls->use_private_key(asio::buffer(identity->private_key_pem), asio::ssl::context::pem);
    }
    tcp::endpoint loopback(asio::ip::address_v4::loopback(), 0);
    acceptor.open(loopback.protocol());
    acceptor.bind(loopback);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
    asio::co_spawn(io.context(), accept_connections(),
                   infra::contain_failure("the HTTP test server"));
    io.start();
  }

  ~Impl() { io.stop(); }

  awaitable<void> accept_connections() {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
      if (error == asio::error::operation_aborted) co_return;
      if (error) continue;
      connections.fetch_add(1);
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket)),
                     infra::contain_failure("an HTTP test connection"));
    }
  }

  // Owns one connection until it ends; an error (the client went away, a
  // failed handshake, a malformed request) just ends it.
  awaitable<void> serve_connection(tcp::socket socket) {
    try {
      if (tls) {
        beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
        stream.next_layer().expires_after(kIdleTimeout);
        co_await stream.async_handshake(asio::ssl::stream_base::server, use_awaitable);
        co_await serve_requests(stream);
      } else {
        beast::tcp_stream stream(std::move(socket));
        co_await serve_requests(stream);
      }
    } catch (const std::exception&) {
      // The connection is over; the server is not.
    }
  }

  template <class Stream>
  awaitable<void> serve_requests(Stream& stream) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kRequestBodyLimit);
      beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
      auto [read_error, ignored] =
          co_await http::async_read(stream, buffer, parser, asio::as_tuple(use_awaitable));
      if (read_error) co_return;  // EOF, timeout or not HTTP: nothing to answer
      beast::get_lowest_layer(stream).expires_never();

      http::request<http::string_body> request = parser.release();
      HttpBehaviour behaviour = behaviour_for(record(request));
      if (behaviour.first_byte_delay.count() > 0) co_await delay_for(behaviour.first_byte_delay);

      bool keep_alive = request.keep_alive() && !behaviour.close_after_response;
      switch (behaviour.action) {
        case HttpBehaviour::Action::reset_connection: {
          tcp::socket& socket = socket_of(stream);
          boost::system::error_code ignored_error;
          socket.set_option(asio::socket_base::linger(true, 0), ignored_error);
          socket.close(ignored_error);
          co_return;
        }
        case HttpBehaviour::Action::close_connection:
          close_now(socket_of(stream));
          co_return;
        case HttpBehaviour::Action::garbage:
          co_await send(stream, behaviour.garbage_bytes, behaviour.trickle_interval);
          co_await close_gracefully(stream);
          co_return;
        case HttpBehaviour::Action::endless_body:
          co_await send_endless(stream, behaviour, request.version());
          co_return;
        case HttpBehaviour::Action::respond:
          co_await send_response(stream, behaviour, request, keep_alive);
          break;
      }
      if (!keep_alive) {
        co_await close_gracefully(stream);
        co_return;
      }
    }
  }

  template <class Stream>
  awaitable<void> send_response(Stream& stream, const HttpBehaviour& behaviour,
                                const http::request<http::string_body>& request, bool keep_alive) {
    bool generated = behaviour.generated_body_bytes > 0;
    std::size_t body_bytes = generated ? behaviour.generated_body_bytes : behaviour.body.size();
    co_await send(stream,
                  response_head(behaviour, request.version(), keep_alive, body_bytes, false),
                  behaviour.trickle_interval);
    if (request.method() == http::verb::head) co_return;
    if (!generated) {
      co_await send(stream, behaviour.body, behaviour.trickle_interval);
      co_return;
    }
    const std::string slice(kSliceBytes, 'x');
    for (std::size_t left = body_bytes; left > 0;) {
      std::size_t now = std::min(left, slice.size());
      co_await send(stream, std::string_view(slice).substr(0, now), behaviour.trickle_interval);
      left -= now;
    }
  }

  // Chunks until writing fails, which is how the client leaving shows up.
  template <class Stream>
  awaitable<void> send_endless(Stream& stream, const HttpBehaviour& behaviour, unsigned version) {
    co_await send(stream, response_head(behaviour, version, true, 0, true), {});
    const std::string chunk = "400\r\n" + std::string(1024, 'x') + "\r\n";
    for (;;) {
      co_await send(stream, chunk, {});
      if (behaviour.trickle_interval.count() > 0) co_await delay_for(behaviour.trickle_interval);
    }
  }

  // Records the request and picks what to do with it.
  HttpBehaviour behaviour_for(RecordedHttpRequest request) {
    std::optional<Route> route;
    {
      std::lock_guard lock(mutex);
      ++requests;
      ++requests_by_path[request.path];
      last_request = request;
      if (down.load()) return HttpBehaviour::respond(503, "down");
      if (auto found = routes.find(request.path); found != routes.end()) route = found->second;
    }
    if (!route) return HttpBehaviour::respond(404, "no route for " + request.path);
    if (auto* behaviour = std::get_if<HttpBehaviour>(&*route)) return *behaviour;
    // Called outside the lock, so a responder may use the server's methods.
    return std::get<HttpResponder>(*route)(request);
  }
};

HttpTestServer::HttpTestServer() : impl_(std::make_unique<Impl>(nullptr)) {}

HttpTestServer::HttpTestServer(const TestCertificate& identity)
    : impl_(std::make_unique<Impl>(&identity)) {}

HttpTestServer::~HttpTestServer() = default;

std::uint16_t HttpTestServer::port() const {
  return impl_->port;
}

std::string HttpTestServer::url(std::string_view path) const {
  return std::string(impl_->tls ? "https" : "http") +
         "://127.0.0.1:" + std::to_string(impl_->port) + std::string(path);
}

void HttpTestServer::route(std::string path, HttpBehaviour behaviour) {
  std::lock_guard lock(impl_->mutex);
  impl_->routes.insert_or_assign(std::move(path), std::move(behaviour));
}

void HttpTestServer::route_with(std::string path, HttpResponder responder) {
  std::lock_guard lock(impl_->mutex);
  impl_->routes.insert_or_assign(std::move(path), std::move(responder));
}

void HttpTestServer::set_down(bool down) {
  impl_->down.store(down);
}

std::size_t HttpTestServer::request_count() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::size_t HttpTestServer::request_count(std::string_view path) const {
  std::lock_guard lock(impl_->mutex);
  auto found = impl_->requests_by_path.find(path);
  return found == impl_->requests_by_path.end() ? 0 : found->second;
}

std::size_t HttpTestServer::connection_count() const {
  return impl_->connections.load();
}

std::optional<RecordedHttpRequest> HttpTestServer::last_request() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->last_request;
}

}  // namespace nyxmon::testing
