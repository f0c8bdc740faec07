// The only translation unit of the API that includes Beast.
#include "infrastructure/api/http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "infrastructure/api/client_address.hpp"
#include "infrastructure/asio/contain_failure.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::system::error_code;
using domain::fail;
using domain::Result;

namespace {

constexpr auto kTokenWithError = [](error_code& error) {
  return asio::redirect_error(asio::use_awaitable, error);
};

// A response the handler will give, possibly later and from another thread.
struct PendingResponse {
  explicit PendingResponse(asio::any_io_executor executor) : ready(std::move(executor)) {}
  asio::steady_timer ready;  // cancelled when the response is in
  std::optional<HttpResponse> response;
};

http::response<http::string_body> to_beast(HttpResponse&& response, unsigned version,
                                           bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "nyxmon");
  out.set(http::field::content_type, response.content_type);
  out.set(http::field::cache_control, "no-store");
  for (auto& [name, value] : response.headers) {
    // Several cookies are several headers; any other name is set once.
    if (name == "Set-Cookie")
      out.insert(http::field::set_cookie, value);
    else
      out.set(name, value);
  }
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// The answer to a request that could not be read whole, or none when the
// connection should just close (timeout, the peer went away).
std::optional<HttpResponse> answer_to_read_error(const error_code& error) {
  if (error == http::error::header_limit)
    return json_error(431, "request headers are larger than the limit");
  if (error == http::error::body_limit)
    return json_error(413, "request body is larger than the limit");
  if (error.category() == make_error_code(http::error::bad_target).category() &&
      error != http::error::end_of_stream && error != http::error::partial_message) {
    return json_error(400, "malformed HTTP request: " + error.message());
  }
  return std::nullopt;
}

}  // namespace

struct HttpServer::Listener : std::enable_shared_from_this<Listener> {
  Listener(asio::io_context& io, HttpHandler handler, HttpLimits limits,
           std::optional<ServerTls> tls)
      : acceptor(io), handler(std::move(handler)), limits(limits), tls(std::move(tls)) {}

  using Clock = std::chrono::steady_clock;

  // An open connection as the listener sees it, to close it for a newcomer.
  struct Connection {
    std::shared_ptr<void> owner;  // the stream (plain or TLS) the socket is in
    beast::tcp_stream* tcp;       // its TCP layer
    std::string client;           // client_key of its address
    // Since when it has been waiting for a request to arrive whole; none
    // while one is being answered.
    std::optional<Clock::time_point> waiting_since;
  };

  // A connection's place in `open`, held for as long as its coroutine frame
  // lives: given back however the connection ends, an exception included
  // (unless it was shed first, which gives it back at once).
  class Slot {
   public:
    Slot(std::shared_ptr<Listener> listener, std::uint64_t id)
        : listener_(std::move(listener)), id_(id) {}
    Slot(Slot&& other) noexcept
        : listener_(std::move(other.listener_)), id_(std::exchange(other.id_, 0)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (listener_ && id_) listener_->forget(id_);
    }
    // Marks the connection waiting for a request (shed first when the server
    // is full), or not (a request is being answered).
    void waiting(bool waiting) const {
      const auto it = listener_->open.find(id_);
      if (it == listener_->open.end()) return;
      if (!waiting)
        it->second.waiting_since.reset();
      else if (!it->second.waiting_since)
        it->second.waiting_since = Clock::now();
    }

   private:
    std::shared_ptr<Listener> listener_;
    std::uint64_t id_;
  };

  tcp::acceptor acceptor;
  HttpHandler handler;
  HttpLimits limits;
  std::optional<ServerTls> tls;              // HTTPS when set
  std::map<std::uint64_t, Connection> open;  // by id, in the order accepted
  std::unordered_map<std::string, std::size_t> open_by_client;
  std::uint64_t last_id = 0;

  void forget(std::uint64_t id) {
    const auto it = open.find(id);
    if (it == open.end()) return;
    if (const auto count = open_by_client.find(it->second.client); count != open_by_client.end()) {
      if (--count->second == 0) open_by_client.erase(count);
    }
    open.erase(it);
  }

  // Closes the connection (of `client`, or of anyone when empty) that has
  // waited longest for a request; false when none is waiting.
  bool shed_longest_waiting(const std::string& client) {
    auto longest = open.end();
    for (auto it = open.begin(); it != open.end(); ++it) {
      const Connection& connection = it->second;
      if (!connection.waiting_since || (!client.empty() && connection.client != client)) continue;
      if (longest == open.end() || *connection.waiting_since < *longest->second.waiting_since)
        longest = it;
    }
    if (longest == open.end()) return false;
    // Its coroutine wakes with operation_aborted and ends; its slot is free now.
    error_code ignored;
    longest->second.tcp->socket().shutdown(tcp::socket::shutdown_both, ignored);
    longest->second.tcp->socket().close(ignored);
    forget(longest->first);
    return true;
  }

  // Makes room for a newcomer from `client` under both caps; false when
  // every connection in its way has a request being answered.
  bool make_room_for(const std::string& client) {
    if (const auto count = open_by_client.find(client);
        count != open_by_client.end() && count->second >= limits.max_connections_per_address &&
        !shed_longest_waiting(client)) {
      return false;
    }
    return open.size() < limits.max_connections || shed_longest_waiting({});
  }

  asio::awaitable<void> accept_loop() {
    auto self = shared_from_this();
    for (;;) {
      error_code error;
      tcp::socket socket = co_await acceptor.async_accept(kTokenWithError(error));
      if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (error == asio::error::no_descriptors || error == asio::error::no_buffer_space) {
        // Out of descriptors: accepting again at once would spin; let some close.
        asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(100));
        co_await pause.async_wait(kTokenWithError(error));
        continue;
      }
      if (error) continue;  // a connection reset before it was taken
      const auto endpoint = socket.remote_endpoint(error);
      if (error) continue;  // gone already
      const std::string remote = endpoint.address().to_string();
      const std::string client = client_key(remote);
      if (!make_room_for(client)) {
        socket.close(error);
        continue;
      }
      const std::uint64_t id = ++last_id;
      ++open_by_client[client];
      if (tls) {
        auto stream = std::make_shared<beast::ssl_stream<beast::tcp_stream>>(std::move(socket),
                                                                             tls->context());
        open.emplace(id,
                     Connection{stream, &beast::get_lowest_layer(*stream), client, Clock::now()});
        asio::co_spawn(acceptor.get_executor(),
                       serve_tls(std::move(stream), remote, Slot(shared_from_this(), id)),
                       contain_failure("an HTTPS connection"));
      } else {
        auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
        open.emplace(id, Connection{stream, stream.get(), client, Clock::now()});
        asio::co_spawn(acceptor.get_executor(),
                       serve(std::move(stream), remote, Slot(shared_from_this(), id)),
                       contain_failure("an HTTP connection"));
      }
    }
  }

  // The handshake within the header timeout, then HTTP inside TLS.
  asio::awaitable<void> serve_tls(std::shared_ptr<beast::ssl_stream<beast::tcp_stream>> connection,
                                  std::string remote, Slot slot) {
    auto self = shared_from_this();
    error_code error;
    beast::get_lowest_layer(*connection)
        .expires_after(std::min(limits.header_timeout, limits.read_timeout));
    co_await connection->async_handshake(asio::ssl::stream_base::server, kTokenWithError(error));
    if (error) {
      beast::get_lowest_layer(*connection).socket().close(error);
      co_return;
    }
    co_await serve(std::move(connection), std::move(remote), std::move(slot));
  }

  template <class Stream>
  asio::awaitable<void> serve(std::shared_ptr<Stream> connection, std::string remote, Slot slot) {
    auto self = shared_from_this();
    Stream& stream = *connection;
    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    for (;;) {
      slot.waiting(true);
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
      parser.body_limit(limits.max_body_bytes);
      error_code error;
      if (buffer.size() == 0) {
        // Silence is allowed for the read timeout; the header clock starts
        // at the first byte.
        tcp_layer.expires_after(limits.read_timeout);
        const std::size_t got =
            co_await stream.async_read_some(buffer.prepare(4096), kTokenWithError(error));
        if (error) break;  // silent for too long, gone, or shed for a newcomer
        buffer.commit(got);
      }
      tcp_layer.expires_after(std::min(limits.header_timeout, limits.read_timeout));
      co_await http::async_read_header(stream, buffer, parser, kTokenWithError(error));
      if (!error && !parser.is_done()) {
        tcp_layer.expires_after(limits.read_timeout);
        co_await http::async_read(stream, buffer, parser, kTokenWithError(error));
      }
      if (error) {
        if (auto answer = answer_to_read_error(error)) {
          tcp_layer.expires_after(limits.write_timeout);
          auto out = to_beast(std::move(*answer), 11, false);
          co_await http::async_write(stream, out, kTokenWithError(error));
        }
        break;
      }
      slot.waiting(false);
      auto request = parser.release();
      const bool keep_alive = request.keep_alive();
      const bool head = request.method() == http::verb::head;
      const unsigned version = request.version();

      HttpRequest mine;
      mine.method = std::string(request.method_string());
      const std::string_view target = request.target();
      const auto question = target.find('?');
      mine.path = std::string(target.substr(0, question));
      if (question != std::string_view::npos) mine.query = std::string(target.substr(question + 1));
      mine.authorization = std::string(request[http::field::authorization]);
      mine.cookie = std::string(request[http::field::cookie]);
      mine.origin = std::string(request[http::field::origin]);
      mine.host = std::string(request[http::field::host]);
      mine.body = std::move(request.body());
      mine.remote = remote;

      auto pending = std::make_shared<PendingResponse>(stream.get_executor());
      const std::string method = mine.method, path = mine.path;
      try {
        handler(std::move(mine), [pending](HttpResponse response) {
          asio::post(pending->ready.get_executor(),
                     [pending, response = std::move(response)]() mutable {
                       if (pending->response) return;
                       pending->response = std::move(response);
                       pending->ready.cancel();
                     });
        });
      } catch (const std::exception& error) {
        // A bug behind the handler: the client gets an answer, the log the cause.
        system::log_error(fmt::format("handling {} {} failed: {}", method, path, error.what()),
                          {{"event", "handler_failed"},
                           {"method", std::string(method)},
                           {"path", std::string(path)},
                           {"error", error.what()}});
        if (!pending->response)
          pending->response = json_error(500, "internal error while handling the request");
      }
      if (!pending->response) {
        pending->ready.expires_after(limits.handler_timeout);
        co_await pending->ready.async_wait(kTokenWithError(error));
      }
      HttpResponse response = pending->response
                                  ? std::move(*pending->response)
                                  : json_error(503, "the engine did not answer in time");
      pending->response = HttpResponse{};  // a late answer is dropped

      tcp_layer.expires_after(limits.write_timeout);
      auto out = to_beast(std::move(response), version, keep_alive);
      if (head) {
        // The headers a GET would get, Content-Length included; no body.
        const auto length = out.body().size();
        out.body().clear();
        out.content_length(length);
      }
      co_await http::async_write(stream, out, kTokenWithError(error));
      if (error || !keep_alive) break;
    }
    error_code ignored;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
};

Result<std::pair<std::string, std::uint16_t>> parse_listen_address(const std::string& text) {
  const auto colon = text.rfind(':');
  auto invalid = [&text] {
    return fail(domain::Error::invalid_argument(
        "listen address '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8787 or [::1]:8787)"));
  };
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return invalid();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']') return invalid();
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, port);
  if (error != std::errc() || end != last || port > 65535) return invalid();
  error_code bad;
  asio::ip::make_address(host, bad);
  if (bad) {
    return fail(domain::Error::invalid_argument("listen address '" + text + "': '" + host +
                                                "' is not an IP address"));
  }
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

Result<ListeningSocket> ListeningSocket::bind(const std::string& address) {
  auto parsed = parse_listen_address(address);
  if (!parsed) return fail(std::move(parsed.error()));
  const tcp::endpoint endpoint(asio::ip::make_address(parsed->first), parsed->second);
  asio::io_context scratch;
  tcp::acceptor acceptor(scratch);
  error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return fail(domain::Error::io("cannot listen on " + address + ": " + error.message()));
  }
  const auto bound = acceptor.local_endpoint();
  ListeningSocket socket;
  socket.v6_ = bound.address().is_v6();
  socket.port_ = bound.port();
  socket.bound_address_ =
      socket.v6_ ? "[" + bound.address().to_string() + "]:" + std::to_string(bound.port())
                 : bound.address().to_string() + ":" + std::to_string(bound.port());
  socket.descriptor_ = system::OwnedDescriptor(acceptor.release());
  return socket;
}

std::unique_ptr<HttpServer> HttpServer::start(asio::io_context& io, ListeningSocket socket,
                                              HttpHandler handler, HttpLimits limits,
                                              std::optional<ServerTls> tls) {
  auto listener = std::make_shared<Listener>(io, std::move(handler), limits, std::move(tls));
  listener->acceptor.assign(socket.v6_ ? tcp::v6() : tcp::v4(), socket.descriptor_.release());
  asio::co_spawn(io, listener->accept_loop(), contain_failure("the HTTP listener"));
  return std::unique_ptr<HttpServer>(new HttpServer(listener, socket.bound_address_, socket.port_));
}

Result<std::unique_ptr<HttpServer>> HttpServer::start(asio::io_context& io,
                                                      const std::string& address,
                                                      HttpHandler handler, HttpLimits limits) {
  auto socket = ListeningSocket::bind(address);
  if (!socket) return fail(std::move(socket.error()));
  return start(io, std::move(*socket), std::move(handler), limits);
}

HttpServer::~HttpServer() {
  auto listener = listener_;
  asio::post(listener->acceptor.get_executor(), [listener] {
    error_code ignored;
    listener->acceptor.close(ignored);
  });
}

}  // namespace nyxmon::infra::api
