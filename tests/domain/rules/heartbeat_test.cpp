#include "domain/rules/heartbeat.hpp"

#include <gtest/gtest.h>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;

constexpr Duration kPeriod = 5min, kGrace = 1min;

TEST(Heartbeat, OnTimeUntilPeriodPlusGraceAfterTheLastSuccess) {
  HeartbeatState state{at()};
  record_signal(state, HeartbeatSignal::kSuccess, at(1min));
  const auto before = evaluate(state, kPeriod, kGrace, at(6min + 59s));
  EXPECT_EQ(before.outcome, Outcome::kOk);
  EXPECT_EQ(before.next_deadline, at(7min));
  const auto late = evaluate(state, kPeriod, kGrace, at(7min + 30s));
  EXPECT_EQ(late.outcome, Outcome::kFail);
  EXPECT_EQ(late.reason, "no ping for 6m30s (period 5m + grace 1m)");
}

TEST(Heartbeat, NeverPingedCountsFromWhenWatchingStarted) {
  HeartbeatState state{at()};
  EXPECT_EQ(evaluate(state, kPeriod, kGrace, at(5min)).outcome, Outcome::kOk);
  const auto late = evaluate(state, kPeriod, kGrace, at(6min));
  EXPECT_EQ(late.outcome, Outcome::kFail);
  EXPECT_EQ(late.reason, "no ping yet after 6m (period 5m + grace 1m)");
}

TEST(Heartbeat, AStartWithoutSuccessWithinTheGraceIsAFailure) {
  HeartbeatState state{at()};
  record_signal(state, HeartbeatSignal::kSuccess, at(1min));
  record_signal(state, HeartbeatSignal::kStart, at(2min));
  const auto running = evaluate(state, kPeriod, kGrace, at(2min + 30s));
  EXPECT_EQ(running.outcome, Outcome::kOk);
  EXPECT_EQ(running.next_deadline, at(3min)) << "the start's grace ends first";
  const auto stuck = evaluate(state, kPeriod, kGrace, at(3min));
  EXPECT_EQ(stuck.outcome, Outcome::kFail);
  EXPECT_EQ(stuck.reason, "started 1m ago but no success within the grace of 1m");
  record_signal(state, HeartbeatSignal::kSuccess, at(3min + 10s));
  EXPECT_EQ(evaluate(state, kPeriod, kGrace, at(3min + 20s)).outcome, Outcome::kOk);
}

TEST(Heartbeat, AFailSignalFailsAtOnceUntilTheNextSuccess) {
  HeartbeatState state{at()};
  record_signal(state, HeartbeatSignal::kFail, at(1min));
  const auto failed = evaluate(state, kPeriod, kGrace, at(1min));
  EXPECT_EQ(failed.outcome, Outcome::kFail);
  EXPECT_EQ(failed.reason, "the job reported a failure");
  record_signal(state, HeartbeatSignal::kSuccess, at(2min));
  EXPECT_EQ(evaluate(state, kPeriod, kGrace, at(2min)).outcome, Outcome::kOk);
}

}  // namespace
}  // namespace nyxmon::domain
