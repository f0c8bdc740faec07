#include "infrastructure/probes/tcp_exchange.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>

#include "infrastructure/probes/certificate_expiry.hpp"
#include "infrastructure/probes/deadline_guard.hpp"
#include "infrastructure/probes/endpoints.hpp"
#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/spawn_probe.hpp"
#include "infrastructure/probes/tls_peer.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

auto with_error(error_code& error) {
  return asio::redirect_error(asio::use_awaitable, error);
}

// Ends whatever is under way on `socket`; a socket already closed stays so.
template <class Socket>
void close_quietly(Socket& socket) {
  error_code ignored;
  socket.close(ignored);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

const char* starttls_name(TlsMode mode) {
  switch (mode) {
    case TlsMode::kStartTlsSmtp:
      return "SMTP STARTTLS";
    case TlsMode::kStartTlsImap:
      return "IMAP STARTTLS";
    case TlsMode::kStartTlsPop3:
      return "POP3 STLS";
    default:
      return "TLS";
  }
}

class Conversation {
 public:
  Conversation(TlsContexts& tls, TcpExchangeRequest request)
      : tls_(tls),
        request_(std::move(request)),
        started_(Clock::now()),
        deadline_(started_ + request_.timeout),
        where_(request_.host + ":" + std::to_string(request_.port)) {}

  asio::awaitable<TcpExchange> run() {
    auto executor = co_await asio::this_coro::executor;
    auto mark = started_;
    auto phase = [&mark](std::chrono::nanoseconds& into) {
      const auto now = Clock::now();
      into = now - mark;
      mark = now;
    };
    error_code error;

    auto endpoints =
        co_await resolve_endpoints(request_.host, std::to_string(request_.port), deadline_, error);
    phase(result_.timings.resolve);
    if (error) co_return finish(error, "resolving " + request_.host);

    tcp::socket socket(executor);
    {
      DeadlineGuard guard(executor, deadline_, [&socket] { close_quietly(socket); });
      co_await asio::async_connect(socket, endpoints, with_error(error));
    }
    phase(result_.timings.connect);
    if (error) co_return finish(error, "connecting to");

    if (request_.tls == TlsMode::kNone) {
      DeadlineGuard guard(executor, deadline_, [&socket] { close_quietly(socket); });
      co_await converse(socket);
      co_return take();
    }

    if (request_.tls != TlsMode::kImplicit) {
      DeadlineGuard guard(executor, deadline_, [&socket] { close_quietly(socket); });
      if (!co_await negotiate_starttls(socket)) co_return take();
    }

    auto context = tls_.client(request_.tls_verify, request_.ca_file);
    if (!context) {
      result_.failure = context.error().message;
      co_return take();
    }
    asio::ssl::stream<tcp::socket> secure(std::move(socket), **context);
    const std::string server_name = request_.sni.empty() ? request_.host : request_.sni;
    expect_peer(secure.native_handle(), server_name, request_.tls_verify);
    DeadlineGuard guard(executor, deadline_, [&secure] { close_quietly(secure.lowest_layer()); });
    co_await secure.async_handshake(asio::ssl::stream_base::client, with_error(error));
    phase(result_.timings.tls);
    if (error) {
      if (Clock::now() >= deadline_) co_return finish(error, "in the TLS handshake with");
      result_.failure = describe_tls_error(secure.native_handle(), error, where_);
      co_return take();
    }
    result_.certificate_days_left = days_until_earliest_expiry(secure.native_handle());
    co_await converse(secure);
    co_return take();
  }

 private:
  // The result so far, with its total time; the conversation ends here.
  TcpExchange take() {
    result_.timings.total = Clock::now() - started_;
    return std::move(result_);
  }

  TcpExchange finish(const error_code& error, const std::string& doing) {
    record_failure(error, doing);
    return take();
  }

  void record_failure(const error_code& error, const std::string& doing) {
    if (Clock::now() >= deadline_ || error == asio::error::operation_aborted) {
      result_.timed_out = true;
      result_.failure = "timed out after " + format_duration(request_.timeout) + " " + doing +
                        (doing.ends_with(" to") || doing.ends_with(" with") ? " " + where_ : "");
    } else if (doing.starts_with("resolving")) {
      result_.failure = "cannot resolve " + request_.host + ": " + error.message();
    } else {
      result_.failure = describe_socket_error(error, where_, doing);
    }
  }

  // Sends `send`, then reads until `expect` (or, with no expectation,
  // whatever the peer says first, up to the cap).
  template <class Stream>
  asio::awaitable<void> converse(Stream& stream) {
    error_code error;
    if (request_.send) {
      co_await asio::async_write(stream, asio::buffer(*request_.send), with_error(error));
      if (error) {
        record_failure(error, "sending to");
        co_return;
      }
    }
    if (!request_.expect) co_return;
    auto buffer = asio::dynamic_buffer(result_.received, request_.max_read_bytes);
    co_await asio::async_read_until(stream, buffer, *request_.expect, with_error(error));
    if (result_.received.find(*request_.expect) != std::string::npos) {
      result_.failure.clear();
      co_return;
    }
    if (error == asio::error::not_found) {
      result_.failure = "expected '" + *request_.expect + "' within the first " +
                        std::to_string(request_.max_read_bytes) + " bytes from " + where_;
    } else if (error == asio::error::eof) {
      result_.failure = "connection closed by " + where_ + " before '" + *request_.expect +
                        "' arrived (got " + std::to_string(result_.received.size()) + " bytes)";
    } else {
      record_failure(error, "reading from");
      if (result_.timed_out) {
        result_.failure = "timed out after " + format_duration(request_.timeout) +
                          " waiting for '" + *request_.expect + "' from " + where_;
      }
    }
  }

  // Reads one reply line; multi-line SMTP replies ("250-...") are read whole.
  asio::awaitable<std::string> read_reply(tcp::socket& socket, std::string& pending,
                                          error_code& error) {
    std::string reply;
    while (true) {
      const std::size_t end = co_await asio::async_read_until(
          socket, asio::dynamic_buffer(pending, 16 * 1024), "\r\n", with_error(error));
      if (error) co_return reply;
      const std::string line = pending.substr(0, end);
      pending.erase(0, end);
      reply += line;
      const bool smtp_continuation =
          request_.tls == TlsMode::kStartTlsSmtp && line.size() > 3 && line[3] == '-';
      if (!smtp_continuation) co_return reply;
    }
  }

  asio::awaitable<bool> negotiate_starttls(tcp::socket& socket) {
    error_code error;
    std::string pending;
    auto fail = [&](const std::string& what) {
      result_.failure = std::string(starttls_name(request_.tls)) + " with " + where_ + ": " + what;
      return false;
    };
    auto exchange = [&](const std::string& line,
                        const std::string& expected_prefix) -> asio::awaitable<std::string> {
      if (!line.empty()) {
        co_await asio::async_write(socket, asio::buffer(line), with_error(error));
        if (error) co_return std::string();
      }
      std::string reply = co_await read_reply(socket, pending, error);
      if (!error && !reply.starts_with(expected_prefix)) error = asio::error::invalid_argument;
      co_return reply;
    };
    auto broken = [&](const std::string& step, const std::string& reply) {
      if (error && error != asio::error::invalid_argument) {
        record_failure(
            error, "during " + std::string(starttls_name(request_.tls)) + " (" + step + ") with");
        return false;
      }
      return fail("unexpected reply to " + step + ": '" + reply.substr(0, 80) + "'");
    };

    std::string reply;
    switch (request_.tls) {
      case TlsMode::kStartTlsSmtp:
        reply = co_await exchange("", "220");
        if (error) co_return broken("the greeting", reply);
        reply = co_await exchange("EHLO nyxmon.invalid\r\n", "250");
        if (error) co_return broken("EHLO", reply);
        if (lowercase(reply).find("starttls") == std::string::npos) {
          co_return fail("the server does not offer STARTTLS");
        }
        reply = co_await exchange("STARTTLS\r\n", "220");
        if (error) co_return broken("STARTTLS", reply);
        break;
      case TlsMode::kStartTlsImap:
        reply = co_await exchange("", "* OK");
        if (error) co_return broken("the greeting", reply);
        reply = co_await exchange("a1 STARTTLS\r\n", "a1 OK");
        if (error) co_return broken("STARTTLS", reply);
        break;
      case TlsMode::kStartTlsPop3:
        reply = co_await exchange("", "+OK");
        if (error) co_return broken("the greeting", reply);
        reply = co_await exchange("STLS\r\n", "+OK");
        if (error) co_return broken("STLS", reply);
        break;
      default:
        break;
    }
    co_return true;
  }

  TlsContexts& tls_;
  TcpExchangeRequest request_;
  Clock::time_point started_;
  Clock::time_point deadline_;
  std::string where_;
  TcpExchange result_;
};

}  // namespace

void start_tcp_exchange(asio::any_io_executor executor, TlsContexts& tls,
                        TcpExchangeRequest request, std::function<void(TcpExchange)> done) {
  auto conversation = std::make_shared<Conversation>(tls, std::move(request));
  spawn_probe<Conversation, TcpExchange>(executor, std::move(conversation), std::move(done));
}

}  // namespace nyxmon::infra::probes
