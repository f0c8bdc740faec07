// The per-run bars' memory: the last kRecentRuns runs of a check, oldest
// first, in a list that never changes once a view holds it; the newest
// result likewise.
#include "infrastructure/api/live_figures.hpp"

#include <gtest/gtest.h>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::infra::api {
namespace {

using namespace nyxmon::domain;
using namespace std::chrono_literals;

Envelope result_of(RunId run, Outcome outcome, std::string reason) {
  CheckResultRecorded recorded;
  recorded.check = CheckId{"api"};
  recorded.run = run;
  recorded.result.outcome = outcome;
  recorded.result.reason = std::move(reason);
  recorded.result.started_at = testing::at(std::chrono::seconds(run));
  recorded.result.duration = std::chrono::milliseconds(run);
  return Envelope{run, "check-api", run, recorded.result.started_at, std::move(recorded)};
}

TEST(LiveFigures, KeepsTheLastRunsOldestFirstInAListAViewCanHold) {
  LiveFigures figures;
  for (RunId run = 1; run <= 3; ++run) {
    const Envelope envelope = result_of(run, Outcome::kOk, "");
    figures.observe(std::span(&envelope, 1));
  }
  const auto held = figures.check(CheckId{"api"})->recent_runs();
  ASSERT_EQ(held->size(), 3u);
  for (RunId run = 4; run <= kRecentRuns + 10; ++run) {
    const Envelope envelope = result_of(run, Outcome::kOk, "");
    figures.observe(std::span(&envelope, 1));
  }
  EXPECT_EQ(held->size(), 3u) << "a list a view holds does not change";
  const auto now = figures.check(CheckId{"api"})->recent_runs();
  ASSERT_EQ(now->size(), kRecentRuns);
  EXPECT_EQ(now->front().started_at, testing::at(std::chrono::seconds(11)));
  EXPECT_EQ(now->back().started_at, testing::at(std::chrono::seconds(kRecentRuns + 10)));
  EXPECT_EQ(now->back().duration, std::chrono::milliseconds(kRecentRuns + 10));
}

TEST(LiveFigures, AFailingStretchSharesOneReasonAndAnOkRunHasNone) {
  LiveFigures figures;
  const std::vector<Envelope> batch{result_of(1, Outcome::kOk, ""),
                                    result_of(2, Outcome::kFail, "expected 200, got 503"),
                                    result_of(3, Outcome::kFail, "expected 200, got 503"),
                                    result_of(4, Outcome::kFail, "timed out after 2s")};
  figures.observe(batch);
  const auto runs = figures.check(CheckId{"api"})->recent_runs();
  ASSERT_EQ(runs->size(), 4u);
  EXPECT_EQ((*runs)[0].reason, "");
  EXPECT_EQ((*runs)[1].reason, "expected 200, got 503");
  EXPECT_EQ((*runs)[1].reason.data(), (*runs)[2].reason.data()) << "one text for the stretch";
  EXPECT_EQ((*runs)[3].reason, "timed out after 2s");
  EXPECT_EQ((*runs)[3].outcome, Outcome::kFail);
}

TEST(LiveFigures, TheNewestResultAViewHoldsStaysAsItWasWhenMoreRunsCome) {
  LiveFigures figures;
  const Envelope first = result_of(1, Outcome::kFail, "expected 200, got 503");
  figures.observe(std::span(&first, 1));
  const auto held = figures.check(CheckId{"api"})->last();
  const auto held_runs = figures.check(CheckId{"api"})->recent_runs();
  const Envelope second = result_of(2, Outcome::kOk, "");
  figures.observe(std::span(&second, 1));
  const Envelope third = result_of(3, Outcome::kWarn, "slow");
  figures.observe(std::span(&third, 1));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->outcome, Outcome::kFail);
  EXPECT_EQ(held->reason, "expected 200, got 503");
  EXPECT_EQ(held_runs->size(), 1u);
  const LiveFigures::PerCheck* now = figures.check(CheckId{"api"});
  EXPECT_EQ(now->last()->reason, "slow");
  EXPECT_EQ(now->recent_runs()->size(), 3u);
  EXPECT_EQ(now->outcomes[0] + now->outcomes[1] + now->outcomes[2], 3u);
}

}  // namespace
}  // namespace nyxmon::infra::api
