#include "tests/support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <boost/json/parse.hpp>

#include "infrastructure/probes/http_exchange.hpp"
#include "tests/support/run_on_io.hpp"

namespace nyxmon::testing {

std::string HttpReply::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0)
      return value;
  }
  return {};
}

boost::json::value HttpReply::json() const {
  return boost::json::parse(body);
}

HttpReply http_request(const std::string& method, const std::string& url,
                       std::vector<std::pair<std::string, std::string>> headers, std::string body,
                       std::chrono::milliseconds timeout) {
  infra::probes::TlsContexts tls;
  infra::probes::HttpExchangeRequest request;
  request.method = method;
  request.url = url;
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.follow_redirects = false;
  request.timeout = timeout;
  request.max_body_bytes = 16 << 20;
  auto exchange = run_on_io<infra::probes::HttpExchange>([&](auto executor, auto done) {
    infra::probes::start_http_exchange(executor, tls, request, done);
  });
  return HttpReply{exchange.failure, exchange.status, exchange.headers, exchange.body};
}

std::string raw_exchange(std::uint16_t port, const std::string& raw,
                         std::chrono::milliseconds timeout) {
  return raw_exchange_from("127.0.0.1", port, raw, timeout);
}

std::string raw_exchange_from(const std::string& source, std::uint16_t port, const std::string& raw,
                              std::chrono::milliseconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  if (::inet_pton(AF_INET, source.c_str(), &local.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return "<bind to " + source + " failed>";
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "<connect failed>";
  }
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return received;
}

}  // namespace nyxmon::testing
