#include "tests/support/servers/tcp_script_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "infrastructure/asio/contain_failure.hpp"
#include "tests/support/servers/io_thread.hpp"
#include "tests/support/servers/line_connection.hpp"

namespace nyxmon::testing {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

bool contains_case_insensitive(std::string_view haystack, std::string_view needle) {
  auto found = std::ranges::search(haystack, needle, [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return needle.empty() || !found.empty();
}

// `reply` with "{tag}" replaced by the first word of `line`.
std::string fill_in_tag(std::string reply, const std::string& line) {
  std::string tag = line.substr(0, line.find(' '));
  for (auto at = reply.find("{tag}"); at != std::string::npos; at = reply.find("{tag}", at))
    reply.replace(at, 5, tag);
  return reply;
}

}  // namespace

struct TcpScriptServer::Impl {
  // Shared with the tests; declared before `io` so that it outlives the
  // connection coroutines (see io_thread.hpp).
  mutable std::mutex mutex;
  std::minstd_rand random{std::random_device{}()};  // guarded by mutex
  TcpScript script;
  std::vector<std::string> lines;
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> handshakes{0};
  std::atomic<std::size_t> mismatches{0};

  std::optional<asio::ssl::context> tls;
  IoThread io;
  tcp::acceptor acceptor{io.context()};
  std::uint16_t port = 0;

  Impl(TcpScript initial_script, const TestCertificate* identity)
      : script(std::move(initial_script)) {
    if (identity != nullptr) {
      tls.emplace(asio::ssl::context::tls_server);
      std::string chain = identity->full_chain_pem();
      tls->use_certificate_chain(asio::buffer(chain));
      tls->use_private_key(asio::buffer(identity->private_key_pem), asio::ssl::context::pem);
    }
    require_certificate_if_needed(script);
    tcp::endpoint loopback(asio::ip::address_v4::loopback(), 0);
    acceptor.open(loopback.protocol());
    acceptor.bind(loopback);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
    asio::co_spawn(io.context(), accept_connections(),
                   infra::contain_failure("the TCP script server"));
    io.start();
  }

  ~Impl() { io.stop(); }

  void require_certificate_if_needed(const TcpScript& candidate) const {
    if (candidate.uses_tls() && !tls)
      throw std::invalid_argument(
          "TcpScriptServer: the script has a start_tls step; construct the server with a "
          "TestCertificate");
  }

  awaitable<void> accept_connections() {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
      if (error == asio::error::operation_aborted) co_return;
      if (error) continue;
      connections.fetch_add(1);
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      TcpScript current;
      {
        std::lock_guard lock(mutex);
        current = script;
      }
      asio::co_spawn(acceptor.get_executor(), converse(std::move(socket), std::move(current)),
                     infra::contain_failure("a TCP script connection"));
    }
  }

  std::chrono::milliseconds pause_length(const TcpStep& step) {
    if (step.longest <= step.duration) return step.duration;
    std::lock_guard lock(mutex);
    std::uniform_int_distribution<std::int64_t> spread(step.duration.count(), step.longest.count());
    return std::chrono::milliseconds(spread(random));
  }

  void record(const std::string& line) {
    std::lock_guard lock(mutex);
    lines.push_back(line);
  }

  // Runs the script on one connection; an error (the client left, a failed
  // handshake) just ends it.
  awaitable<void> converse(tcp::socket socket, TcpScript conversation) {
    LineConnection connection(std::move(socket));
    try {
      for (const TcpStep& step : conversation.steps()) {
        switch (step.kind) {
          case TcpStep::Kind::send:
            co_await connection.write(step.text);
            break;
          case TcpStep::Kind::expect: {
            std::string line = co_await connection.read_line();
            record(line);
            if (!contains_case_insensitive(line, step.text)) {
              mismatches.fetch_add(1);
              connection.close();
              co_return;
            }
            co_await connection.write(fill_in_tag(step.reply, line));
            break;
          }
          case TcpStep::Kind::start_tls:
            co_await connection.start_tls(*tls);
            handshakes.fetch_add(1);
            break;
          case TcpStep::Kind::pause: {
            asio::steady_timer timer(acceptor.get_executor(), pause_length(step));
            co_await timer.async_wait(use_awaitable);
            break;
          }
          case TcpStep::Kind::close:
            connection.close();
            co_return;
          case TcpStep::Kind::reset:
            connection.reset();
            co_return;
          case TcpStep::Kind::echo:
            co_await connection.echo_until_closed();
            co_return;
        }
      }
      for (;;)
        record(co_await connection.read_line());
    } catch (const std::exception&) {
      // The conversation is over; the server is not.
    }
  }
};

TcpScriptServer::TcpScriptServer(TcpScript script)
    : impl_(std::make_unique<Impl>(std::move(script), nullptr)) {}

TcpScriptServer::TcpScriptServer(TcpScript script, const TestCertificate& identity)
    : impl_(std::make_unique<Impl>(std::move(script), &identity)) {}

TcpScriptServer::~TcpScriptServer() = default;

std::uint16_t TcpScriptServer::port() const {
  return impl_->port;
}

void TcpScriptServer::set_script(TcpScript script) {
  impl_->require_certificate_if_needed(script);
  std::lock_guard lock(impl_->mutex);
  impl_->script = std::move(script);
}

std::size_t TcpScriptServer::connection_count() const {
  return impl_->connections.load();
}

std::size_t TcpScriptServer::tls_handshake_count() const {
  return impl_->handshakes.load();
}

bool TcpScriptServer::wait_for_tls_handshakes(std::size_t count,
                                              std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (impl_->handshakes.load() < count) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::size_t TcpScriptServer::mismatch_count() const {
  return impl_->mismatches.load();
}

std::vector<std::string> TcpScriptServer::received_lines() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->lines;
}

}  // namespace nyxmon::testing
