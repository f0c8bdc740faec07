// The push endpoint's brake on token guessing, on a clock of our own: a
// burst of misses per address, then one per refill, memory bounded.
#include "infrastructure/api/ping_miss_limiter.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::api {
namespace {

using namespace std::chrono_literals;
using Clock = PingMissLimiter::Clock;

const Clock::time_point t0{std::chrono::hours(1000)};

TEST(PingMissLimiter, ABurstOfMissesIsLookedAtThenTheAddressIsHeldBackUntilARefill) {
  PingMissLimiter limiter({.burst = 3, .refill = 2s, .max_addresses = 16});
  for (int miss = 0; miss < 3; ++miss) {
    ASSERT_EQ(limiter.held_back("10.0.0.1", t0).count(), 0) << "miss " << miss;
    limiter.record_miss("10.0.0.1", t0);
  }
  EXPECT_EQ(limiter.held_back("10.0.0.1", t0), 2000ms);
  EXPECT_EQ(limiter.held_back("10.0.0.1", t0 + 1500ms), 500ms);
  EXPECT_EQ(limiter.held_back("10.0.0.1", t0 + 2s).count(), 0) << "one miss earned back";
  limiter.record_miss("10.0.0.1", t0 + 2s);
  EXPECT_EQ(limiter.held_back("10.0.0.1", t0 + 2s), 2000ms);
  EXPECT_EQ(limiter.held_back("10.0.0.2", t0).count(), 0) << "other addresses are not held";
}

TEST(PingMissLimiter, AnAddressThatStopsMissingRecoversItsWholeBurst) {
  PingMissLimiter limiter({.burst = 3, .refill = 1s, .max_addresses = 16});
  for (int miss = 0; miss < 3; ++miss)
    limiter.record_miss("10.0.0.1", t0);
  const auto later = t0 + 3s;
  for (int miss = 0; miss < 3; ++miss) {
    ASSERT_EQ(limiter.held_back("10.0.0.1", later).count(), 0) << "miss " << miss;
    limiter.record_miss("10.0.0.1", later);
  }
  EXPECT_GT(limiter.held_back("10.0.0.1", later).count(), 0);
}

TEST(PingMissLimiter, MemoryIsBoundedAndRecoveredAddressesGoFirst) {
  PingMissLimiter limiter({.burst = 1, .refill = 10s, .max_addresses = 4});
  limiter.record_miss("10.0.0.1", t0);  // recovered by t0 + 10 s
  for (int i = 2; i <= 4; ++i)
    limiter.record_miss("10.0.0." + std::to_string(i), t0 + 5s);
  EXPECT_EQ(limiter.tracked(), 4u);
  limiter.record_miss("10.0.0.5", t0 + 10s);
  EXPECT_EQ(limiter.tracked(), 4u);
  EXPECT_GT(limiter.held_back("10.0.0.4", t0 + 10s).count(), 0) << "still held: kept";
  for (int i = 6; i < 1000; ++i)
    limiter.record_miss("10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250),
                        t0 + 11s);
  EXPECT_EQ(limiter.tracked(), 4u);
}

TEST(PingMissLimiter, IPv6ClientsAreCountedByTheirSlash64) {
  PingMissLimiter limiter({.burst = 2, .refill = 1s, .max_addresses = 16});
  limiter.record_miss("2001:db8:1:2::1", t0);
  limiter.record_miss("2001:db8:1:2:ffff::9", t0);
  EXPECT_GT(limiter.held_back("2001:db8:1:2::77", t0).count(), 0);
  EXPECT_EQ(limiter.held_back("2001:db8:1:3::1", t0).count(), 0);
  limiter.record_miss("::ffff:10.0.0.1", t0);
  limiter.record_miss("10.0.0.1", t0);
  EXPECT_GT(limiter.held_back("10.0.0.1", t0).count(), 0) << "an IPv4-mapped address is IPv4";
}

}  // namespace
}  // namespace nyxmon::infra::api
