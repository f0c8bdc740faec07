#include "infrastructure/probes/icmp_echo.hpp"

#include <gtest/gtest.h>

#include "tests/support/run_on_io.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;

IcmpEchoResult ping(IcmpEchoRequest request) {
  return testing::run_on_io<IcmpEchoResult>(
      [&](auto executor, auto done) { start_icmp_echo(executor, request, std::move(done)); });
}

TEST(IcmpEcho, LoopbackAnswersEveryEcho) {
  const auto result = ping({.host = "127.0.0.1", .count = 3, .interval = 20ms, .timeout = 2s});
  if (result.failure.find("cannot open an ICMP socket") != std::string::npos) {
    GTEST_SKIP() << "this machine allows no ICMP socket: " << result.failure;
  }
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.sent, 3);
  EXPECT_EQ(result.received, 3);
  EXPECT_EQ(result.loss_percent(), 0.0);
  EXPECT_GT(result.rtt_max.count(), 0);
  EXPECT_LE(result.rtt_min, result.rtt_avg);
  EXPECT_LE(result.rtt_avg, result.rtt_max);
}

TEST(IcmpEcho, AnUnresolvableHostIsAFailureWithItsName) {
  const auto result = ping({.host = "no-such-host.invalid", .count = 1, .timeout = 2s});
  EXPECT_NE(result.failure.find("cannot resolve no-such-host.invalid"), std::string::npos)
      << result.failure;
  EXPECT_EQ(result.sent, 0);
}

}  // namespace
}  // namespace nyxmon::infra::probes
