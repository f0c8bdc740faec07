#include "infrastructure/probes/mail_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "infrastructure/probes/certificate_expiry.hpp"
#include "infrastructure/probes/deadline_guard.hpp"
#include "infrastructure/probes/endpoints.hpp"
#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/mail_replies.hpp"
#include "infrastructure/probes/tls_peer.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kMaxLineBytes = 64 * 1024;

auto with_error(error_code& error) {
  return asio::redirect_error(asio::use_awaitable, error);
}

}  // namespace

struct MailConnection::Streams {
  explicit Streams(asio::any_io_executor executor) : socket(std::move(executor)) {}
  tcp::socket socket;
  std::shared_ptr<asio::ssl::context> context;  // kept while `secure` uses it
  std::optional<asio::ssl::stream<tcp::socket&>> secure;
  // Declared last: it goes first, before the socket its action closes.
  std::optional<DeadlineGuard> guard;

  void close() {
    error_code ignored;
    socket.close(ignored);
  }
};

MailConnection::MailConnection(asio::any_io_executor executor, TlsContexts& tls, MailPeer peer,
                               Clock::time_point deadline)
    : executor_(std::move(executor)),
      tls_(tls),
      peer_(std::move(peer)),
      started_(Clock::now()),
      deadline_(deadline),
      where_(peer_.host + ":" + std::to_string(peer_.port)),
      streams_(std::make_unique<Streams>(executor_)) {}

MailConnection::~MailConnection() = default;

MailPeer MailPeer::of(const domain::MailServer& server, domain::MailProtocol protocol) {
  return {server.host, static_cast<std::uint16_t>(port_of(server, protocol)), server.tls_verify,
          server.ca_file};
}

void MailConnection::copy_timings(PhaseTimings& into) const {
  into.resolve = timings_.resolve;
  into.connect = timings_.connect;
  into.tls = timings_.tls;
}

bool MailConnection::secure() const {
  return streams_->secure.has_value();
}

bool MailConnection::fail(std::string what) {
  if (failure_.empty()) failure_ = std::move(what);
  return false;
}

void MailConnection::failed(const error_code& error, const std::string& doing) {
  if (!failure_.empty()) return;
  if (Clock::now() >= deadline_ || error == asio::error::operation_aborted) {
    timed_out_ = true;
    failure_ = "timed out " + doing + " " + where_;
  } else {
    failure_ = describe_socket_error(error, where_, doing);
  }
}

asio::awaitable<bool> MailConnection::open(bool tls_at_once) {
  error_code error;
  auto mark = Clock::now();
  auto endpoints =
      co_await resolve_endpoints(peer_.host, std::to_string(peer_.port), deadline_, error);
  timings_.resolve = Clock::now() - mark;
  if (error) {
    if (Clock::now() >= deadline_ || error == asio::error::operation_aborted) {
      timed_out_ = true;
      co_return fail("timed out resolving " + peer_.host);
    }
    co_return fail("cannot resolve " + peer_.host + ": " + error.message());
  }
  Streams& streams = *streams_;
  streams.guard.emplace(executor_, deadline_, [&streams] { streams.close(); });
  mark = Clock::now();
  co_await asio::async_connect(streams.socket, endpoints, with_error(error));
  timings_.connect = Clock::now() - mark;
  if (error) {
    failed(error, "connecting to");
    co_return false;
  }
  if (tls_at_once) co_return co_await start_tls();
  co_return true;
}

asio::awaitable<bool> MailConnection::start_tls() {
  Streams& streams = *streams_;
  auto context = tls_.client(peer_.tls_verify, peer_.ca_file);
  if (!context) co_return fail(context.error().message);
  streams.context = std::move(*context);
  pending_.clear();
  streams.secure.emplace(streams.socket, *streams.context);
  expect_peer(streams.secure->native_handle(), peer_.host, peer_.tls_verify);
  const auto mark = Clock::now();
  error_code error;
  co_await streams.secure->async_handshake(asio::ssl::stream_base::client, with_error(error));
  timings_.tls = Clock::now() - mark;
  if (error) {
    if (Clock::now() >= deadline_) {
      failed(error, "in the TLS handshake with");
      co_return false;
    }
    co_return fail(describe_tls_error(streams.secure->native_handle(), error, where_));
  }
  certificate_days_left_ = days_until_earliest_expiry(streams.secure->native_handle());
  co_return true;
}

asio::awaitable<bool> MailConnection::write(std::string_view bytes) {
  error_code error;
  Streams& streams = *streams_;
  if (streams.secure) {
    co_await asio::async_write(*streams.secure, asio::buffer(bytes.data(), bytes.size()),
                               with_error(error));
  } else {
    co_await asio::async_write(streams.socket, asio::buffer(bytes.data(), bytes.size()),
                               with_error(error));
  }
  if (error) failed(error, "writing to");
  co_return !error;
}

asio::awaitable<std::optional<std::string>> MailConnection::read_line() {
  Streams& streams = *streams_;
  error_code error;
  auto read_until_newline = [&]() -> asio::awaitable<std::size_t> {
    auto buffer = asio::dynamic_buffer(pending_, kMaxLineBytes);
    if (streams.secure)
      co_return co_await asio::async_read_until(*streams.secure, buffer, '\n', with_error(error));
    co_return co_await asio::async_read_until(streams.socket, buffer, '\n', with_error(error));
  };
  std::string line;
  for (;;) {
    const std::size_t length = co_await read_until_newline();
    if (error) {
      if (error == asio::error::not_found)
        fail("a line from " + where_ + " is longer than 64 KiB");
      else
        failed(error, "reading from");
      co_return std::nullopt;
    }
    std::string_view piece(pending_.data(), length);
    while (!piece.empty() && (piece.back() == '\n' || piece.back() == '\r'))
      piece.remove_suffix(1);
    line += piece;
    pending_.erase(0, length);
    const auto literal = imap_literal_size(line);
    if (!literal) co_return line;
    if (*literal > kMaxLineBytes || line.size() + *literal > kMaxLineBytes) {
      fail("a reply from " + where_ + " is longer than 64 KiB");
      co_return std::nullopt;
    }
    if (pending_.size() < *literal) {
      auto buffer = asio::dynamic_buffer(pending_, kMaxLineBytes);
      const auto missing = *literal - pending_.size();
      if (streams.secure) {
        co_await asio::async_read(*streams.secure, buffer, asio::transfer_at_least(missing),
                                  with_error(error));
      } else {
        co_await asio::async_read(streams.socket, buffer, asio::transfer_at_least(missing),
                                  with_error(error));
      }
      if (error && pending_.size() < *literal) {
        failed(error, "reading from");
        co_return std::nullopt;
      }
    }
    line += "\r\n" + pending_.substr(0, *literal);
    pending_.erase(0, *literal);
  }
}

void MailConnection::close() {
  streams_->guard.reset();
  streams_->close();
}

}  // namespace nyxmon::infra::probes
