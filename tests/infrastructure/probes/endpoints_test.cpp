// Where probes connect: literal addresses as they are, names through the
// system resolver within the deadline.
#include "infrastructure/probes/endpoints.hpp"

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <vector>

namespace nyxmon::infra::probes {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Resolved {
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code error;
};

Resolved resolve(const std::string& host, const std::string& port, Clock::time_point deadline) {
  asio::io_context io;
  Resolved resolved;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto results = co_await resolve_endpoints(host, port, deadline, resolved.error);
        for (const auto& entry : results)
          resolved.endpoints.push_back(entry.endpoint());
      },
      asio::detached);
  io.run();
  return resolved;
}

TEST(Endpoints, ALiteralAddressIsUsedAsItIsEvenWithNoTimeLeft) {
  const auto v4 = resolve("127.0.0.1", "8080", Clock::now() - std::chrono::seconds(1));
  ASSERT_FALSE(v4.error) << v4.error.message();
  ASSERT_EQ(v4.endpoints.size(), 1u);
  EXPECT_EQ(v4.endpoints[0], tcp::endpoint(asio::ip::make_address("127.0.0.1"), 8080));

  const auto v6 = resolve("::1", "443", Clock::now() - std::chrono::seconds(1));
  ASSERT_FALSE(v6.error) << v6.error.message();
  ASSERT_EQ(v6.endpoints.size(), 1u);
  EXPECT_EQ(v6.endpoints[0], tcp::endpoint(asio::ip::make_address("::1"), 443));
}

TEST(Endpoints, ANameGoesToTheResolver) {
  const auto local = resolve("localhost", "8080", Clock::now() + std::chrono::seconds(10));
  ASSERT_FALSE(local.error) << local.error.message();
  ASSERT_FALSE(local.endpoints.empty());
  for (const auto& endpoint : local.endpoints) {
    EXPECT_TRUE(endpoint.address().is_loopback()) << endpoint;
    EXPECT_EQ(endpoint.port(), 8080);
  }
}

}  // namespace
}  // namespace nyxmon::infra::probes
