// The only translation unit of the HTTP probe that includes Beast.
#include "infrastructure/probes/http_exchange.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url.hpp>

#include <algorithm>
#include <set>

#include "domain/model/bounded_text.hpp"
#include "infrastructure/probes/certificate_expiry.hpp"
#include "infrastructure/probes/deadline_guard.hpp"
#include "infrastructure/probes/endpoints.hpp"
#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/spawn_probe.hpp"
#include "infrastructure/probes/tls_peer.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace urls = boost::urls;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

std::optional<std::string> HttpExchange::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return std::nullopt;
}

namespace {

constexpr auto kTokenWithError = [](error_code& error) {
  return asio::redirect_error(asio::use_awaitable, error);
};

// How much one read of the response headers asks for.
constexpr std::size_t kHeaderReadBytes = 4096;

std::string byte_count(std::size_t bytes) {
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

struct Target {
  bool tls = false;
  std::string host;  // without brackets
  std::string port;
  std::string path_and_query;
  std::string host_header;
};

std::optional<Target> parse_target(const std::string& text, std::string& failure) {
  auto parsed = urls::parse_uri(text);
  if (!parsed) {
    failure = "'" + text + "' is not a valid URL (" + parsed.error().message() + ")";
    return std::nullopt;
  }
  const urls::url_view url = *parsed;
  Target target;
  if (url.scheme_id() == urls::scheme::https) {
    target.tls = true;
  } else if (url.scheme_id() != urls::scheme::http) {
    failure = "'" + text + "' is not an http:// or https:// URL";
    return std::nullopt;
  }
  target.host = url.host_address();
  if (target.host.empty()) {
    failure = "'" + text + "' has no host";
    return std::nullopt;
  }
  target.port = url.has_port() ? std::string(url.port()) : (target.tls ? "443" : "80");
  target.path_and_query = std::string(url.encoded_target());
  if (target.path_and_query.empty()) target.path_and_query = "/";
  target.host_header = std::string(url.encoded_host_and_port());
  return target;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

struct Hop {
  std::string failure;
  bool timed_out = false;
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool body_truncated = false;
  std::optional<int> certificate_days_left;
  PhaseTimings timings;
};

class Exchanger {
 public:
  Exchanger(TlsContexts& tls, HttpExchangeRequest request)
      : tls_(tls),
        request_(std::move(request)),
        started_(Clock::now()),
        deadline_(started_ + request_.timeout) {}

  asio::awaitable<HttpExchange> run() {
    HttpExchange result;
    std::string url = request_.url;
    std::vector<std::string> visited{url};
    while (true) {
      std::string failure;
      auto target = parse_target(url, failure);
      if (!target) {
        result.failure = failure;
        break;
      }
      Hop hop = co_await one_request(*target);
      result.timings = hop.timings;
      result.final_url = url;
      if (!hop.failure.empty()) {
        result.failure = hop.failure;
        result.timed_out = hop.timed_out;
        break;
      }
      std::optional<std::string> location;
      for (const auto& [key, value] : hop.headers) {
        if (beast::iequals(key, "location")) location = value;
      }
      if (result.redirects_followed == 0 && !result.first_location && location) {
        result.first_location = location;
      }
      result.status = hop.status;
      result.headers = std::move(hop.headers);
      result.body = std::move(hop.body);
      result.body_truncated = hop.body_truncated;
      result.certificate_days_left = hop.certificate_days_left;
      if (!request_.follow_redirects || !is_redirect(hop.status) || !location) break;

      if (result.redirects_followed >= request_.max_redirects) {
        result.failure = "stopped after " + std::to_string(result.redirects_followed) +
                         " redirects (max_redirects " + std::to_string(request_.max_redirects) +
                         "), last to " + domain::bounded_text(*location, domain::kMaxQuotedBytes);
        break;
      }
      auto next = resolve_location(url, *location);
      if (!next) {
        result.failure = "redirect to an invalid Location: '" +
                         domain::bounded_text(*location, domain::kMaxQuotedBytes) + "'";
        break;
      }
      if (std::find(visited.begin(), visited.end(), *next) != visited.end()) {
        std::string chain;
        for (const auto& step : visited)
          chain += step + " → ";
        result.failure = "redirect loop: " + chain + *next;
        break;
      }
      visited.push_back(*next);
      url = *next;
      ++result.redirects_followed;
    }
    result.timings.total = Clock::now() - started_;
    co_return result;
  }

 private:
  static std::optional<std::string> resolve_location(const std::string& base,
                                                     const std::string& location) {
    auto base_url = urls::parse_uri(base);
    auto reference = urls::parse_uri_reference(location);
    if (!base_url || !reference) return std::nullopt;
    urls::url resolved;
    if (!urls::resolve(*base_url, *reference, resolved)) return std::nullopt;
    return std::string(resolved.buffer());
  }

  std::string where(const Target& target) const { return target.host + ":" + target.port; }

  // Why reading the response headers from `peer` stopped after `received`
  // bytes: the phase a timeout cut short, or how the connection ended.
  std::string header_failure(const error_code& error, const std::string& peer,
                             std::size_t received) const {
    if (error == beast::error::timeout) {
      return "timed out after " + format_duration(request_.timeout) +
             (received == 0 ? " waiting for the first byte"
                            : " reading the headers (" + byte_count(received) + " received)");
    }
    if (error == asio::error::eof || error == asio::ssl::error::stream_truncated) {
      return "connection closed by " + peer +
             (received == 0
                  ? " before any response"
                  : " in the middle of the headers (" + byte_count(received) + " received)");
    }
    return describe_socket_error(error, peer, "reading from");
  }

  asio::awaitable<Hop> one_request(const Target& target) {
    Hop hop;
    auto executor = co_await asio::this_coro::executor;
    const auto hop_start = Clock::now();
    auto mark = hop_start;
    auto phase = [&mark](std::chrono::nanoseconds& into) {
      const auto now = Clock::now();
      into = now - mark;
      mark = now;
    };
    auto timed_out_in = [&](const std::string& waiting_for) {
      hop.timed_out = true;
      hop.failure = "timed out after " + format_duration(request_.timeout) + " " + waiting_for;
    };

    // Resolve.
    error_code error;
    auto endpoints = co_await resolve_endpoints(target.host, target.port, deadline_, error);
    phase(hop.timings.resolve);
    if (error) {
      if (Clock::now() >= deadline_)
        timed_out_in("resolving " + target.host);
      else
        hop.failure = "cannot resolve " + target.host + ": " + error.message();
      co_return hop;
    }

    // Connect.
    beast::tcp_stream stream(executor);
    stream.expires_at(deadline_);
    co_await stream.async_connect(endpoints, kTokenWithError(error));
    phase(hop.timings.connect);
    if (error) {
      if (error == beast::error::timeout)
        timed_out_in("connecting");
      else
        hop.failure = describe_socket_error(error, where(target), "connecting to");
      co_return hop;
    }

    if (!target.tls) {
      co_await talk(stream, target, hop, mark);
      co_return hop;
    }

    // TLS.
    auto context = tls_.client(request_.tls_verify, request_.ca_file, request_.client_identity);
    if (!context) {
      hop.failure = context.error().message;
      co_return hop;
    }
    beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), **context);
    const std::string server_name = request_.sni.empty() ? target.host : request_.sni;
    expect_peer(secure.native_handle(), server_name, request_.tls_verify);
    co_await secure.async_handshake(asio::ssl::stream_base::client, kTokenWithError(error));
    phase(hop.timings.tls);
    if (error) {
      if (error == beast::error::timeout)
        timed_out_in("in the TLS handshake");
      else
        hop.failure = describe_tls_error(secure.native_handle(), error, where(target));
      co_return hop;
    }
    hop.certificate_days_left = days_until_earliest_expiry(secure.native_handle());
    co_await talk(secure, target, hop, mark);
    co_return hop;
  }

  template <class Stream>
  asio::awaitable<void> talk(Stream& stream, const Target& target, Hop& hop,
                             Clock::time_point& mark) {
    error_code error;
    const http::verb verb = http::string_to_verb(request_.method);
    if (verb == http::verb::unknown) {
      hop.failure = "'" + request_.method + "' is not an HTTP method";
      co_return;
    }
    http::request<http::string_body> request{verb, target.path_and_query, 11};
    request.set(http::field::host, target.host_header);
    request.set(http::field::user_agent, "nyxmon/" NYXMON_VERSION_STRING);
    request.set(http::field::connection, "close");
    for (const auto& [name, value] : request_.headers)
      request.set(name, value);
    if (!request_.body.empty() || verb == http::verb::post || verb == http::verb::put) {
      request.body() = request_.body;
      request.prepare_payload();
    }
    co_await http::async_write(stream, request, kTokenWithError(error));
    if (error) {
      if (error == beast::error::timeout) {
        hop.timed_out = true;
        hop.failure =
            "timed out after " + format_duration(request_.timeout) + " sending the request";
      } else {
        hop.failure = describe_socket_error(error, target.host + ":" + target.port, "sending to");
      }
      co_return;
    }

    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (verb == http::verb::head) parser.skip(true);
    // The headers are read piece by piece rather than with async_read_header,
    // so that first_byte is when the first byte came (not when the last
    // header line did) and a timeout says which phase it cut short.
    const std::string peer = target.host + ":" + target.port;
    std::size_t received = 0;
    while (!parser.is_header_done()) {
      const std::size_t read =
          co_await stream.async_read_some(buffer.prepare(kHeaderReadBytes), kTokenWithError(error));
      buffer.commit(read);
      if (received == 0 && read > 0) {
        const auto now = Clock::now();
        hop.timings.first_byte = now - mark;
        mark = now;
      }
      received += read;
      if (error) {
        if (received == 0) {
          hop.timings.first_byte = Clock::now() - mark;
          mark = Clock::now();
        }
        hop.failure = header_failure(error, peer, received);
        hop.timed_out = error == beast::error::timeout;
        co_return;
      }
      const std::size_t used = parser.put(buffer.data(), error);
      buffer.consume(used);
      if (error == http::error::need_more) {
        error = {};
        continue;
      }
      if (error) {
        hop.failure = "malformed HTTP response from " + peer + " (" + error.message() + ")";
        co_return;
      }
    }
    const auto& head = parser.get();
    hop.status = static_cast<int>(head.result_int());
    for (const auto& field : head) {
      hop.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    if (request_.follow_redirects && is_redirect(hop.status)) co_return;

    char chunk[16 * 1024];
    while (!parser.is_done()) {
      parser.get().body().data = chunk;
      parser.get().body().size = sizeof chunk;
      co_await http::async_read(stream, buffer, parser, kTokenWithError(error));
      if (error == http::error::need_buffer) error = {};
      const std::size_t received = sizeof chunk - parser.get().body().size;
      const std::size_t room = request_.max_body_bytes - hop.body.size();
      hop.body.append(chunk, std::min(received, room));
      if (received > room) {
        hop.body_truncated = true;
        break;
      }
      if (error) {
        if (error == beast::error::timeout) {
          hop.timed_out = true;
          hop.failure = "timed out after " + format_duration(request_.timeout) +
                        " reading the body (" + byte_count(hop.body.size()) + " received)";
        } else if (error != http::error::end_of_stream) {
          hop.failure = describe_socket_error(error, target.host + ":" + target.port,
                                              "reading the body from");
        }
        break;
      }
    }
  }

  TlsContexts& tls_;
  HttpExchangeRequest request_;
  Clock::time_point started_;
  Clock::time_point deadline_;
};

}  // namespace

void start_http_exchange(asio::any_io_executor executor, TlsContexts& tls,
                         HttpExchangeRequest request, std::function<void(HttpExchange)> done) {
  auto exchanger = std::make_shared<Exchanger>(tls, std::move(request));
  spawn_probe<Exchanger, HttpExchange>(executor, std::move(exchanger), std::move(done));
}

}  // namespace nyxmon::infra::probes
