// The runs behind a check's per-run bars: the last kRecentRuns, oldest first,
// with the reason of each run that was not ok.
#include "infrastructure/api/recent_runs.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::infra::api {
namespace {

using namespace nyxmon::domain;
using namespace std::chrono_literals;

ProbeResult run_at(int second, Outcome outcome, std::string reason = "") {
  ProbeResult result;
  result.started_at = testing::at(std::chrono::seconds(second));
  result.duration = std::chrono::microseconds(1000 + second);
  result.outcome = outcome;
  result.reason = std::move(reason);
  return result;
}

TEST(RecentRuns, KeepsTheLastRunsOldestFirstWhenMoreComeThanItHolds) {
  RecentRuns runs;
  EXPECT_TRUE(runs.empty());
  for (int second = 1; second <= static_cast<int>(kRecentRuns) * 2 + 7; ++second)
    runs.add(run_at(second, second % 5 == 0 ? Outcome::kFail : Outcome::kOk, "down"));
  ASSERT_EQ(runs.size(), kRecentRuns);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const int second = static_cast<int>(kRecentRuns + 8 + i);
    EXPECT_EQ(runs[i].started_at, testing::at(std::chrono::seconds(second))) << i;
    EXPECT_EQ(runs[i].duration, std::chrono::microseconds(1000 + second)) << i;
    EXPECT_EQ(runs[i].outcome, second % 5 == 0 ? Outcome::kFail : Outcome::kOk) << i;
    EXPECT_EQ(runs[i].reason, second % 5 == 0 ? "down" : "") << i;
  }
  EXPECT_EQ(runs.back().started_at, testing::at(std::chrono::seconds(kRecentRuns * 2 + 7)));
}

TEST(RecentRuns, EveryRunKeepsItsOwnReasonWhenEachFailsDifferently) {
  RecentRuns runs;
  // More distinct texts than places: the texts of runs gone are let go.
  for (int second = 1; second <= 500; ++second)
    runs.add(run_at(second, Outcome::kError, "refused #" + std::to_string(second)));
  ASSERT_EQ(runs.size(), kRecentRuns);
  for (std::size_t i = 0; i < runs.size(); ++i)
    EXPECT_EQ(runs[i].reason, "refused #" + std::to_string(500 - kRecentRuns + 1 + i)) << i;
}

TEST(RecentRuns, AFailingStretchSharesOneTextAndAnOkRunHasNone) {
  RecentRuns runs;
  runs.add(run_at(1, Outcome::kFail, "expected 200, got 503"));
  runs.add(run_at(2, Outcome::kFail, "expected 200, got 503"));
  runs.add(run_at(3, Outcome::kOk, "ignored: an ok run has no reason"));
  runs.add(run_at(4, Outcome::kFail, "expected 200, got 503"));
  EXPECT_EQ(runs[0].reason.data(), runs[1].reason.data());
  EXPECT_EQ(runs[2].reason, "");
  EXPECT_EQ(runs[3].reason, "expected 200, got 503");
}

TEST(RecentRuns, ADurationBeyondWhatAMarkHoldsIsKeptAsTheLongestItCanSay) {
  RecentRuns runs;
  ProbeResult result = run_at(1, Outcome::kError, "timed out");
  result.duration = std::chrono::hours(100);
  runs.add(result);
  result.duration = -5ms;  // a clock step
  runs.add(result);
  EXPECT_GT(runs[0].duration, std::chrono::minutes(71));
  EXPECT_EQ(runs[1].duration, Duration(0));
}

}  // namespace
}  // namespace nyxmon::infra::api
