#include "infrastructure/probes/endpoints.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>

#include "infrastructure/probes/deadline_guard.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<tcp::resolver::results_type> resolve_endpoints(
    const std::string& host, const std::string& port,
    std::chrono::steady_clock::time_point deadline, boost::system::error_code& error) {
  error = {};
  boost::system::error_code not_literal;
  const auto address = asio::ip::make_address(host, not_literal);
  unsigned short number = 0;
  const auto [end, parsed] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (!not_literal && parsed == std::errc() && end == port.data() + port.size()) {
    co_return tcp::resolver::results_type::create(tcp::endpoint(address, number), host, port);
  }
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  DeadlineGuard guard(executor, deadline, [&resolver] { resolver.cancel(); });
  co_return co_await resolver.async_resolve(host, port,
                                            asio::redirect_error(asio::use_awaitable, error));
}

}  // namespace nyxmon::infra::probes
