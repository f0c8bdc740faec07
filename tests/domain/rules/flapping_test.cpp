#include "domain/rules/flapping.hpp"

#include <gtest/gtest.h>

namespace nyxmon::domain {
namespace {

TEST(Flapping, SteadyResultsHaveNoStateChange) {
  FlapDetector detector;
  for (int i = 0; i < 30; ++i)
    EXPECT_FALSE(detector.record(Outcome::kOk));
  EXPECT_EQ(detector.percent(), 0.0);
  EXPECT_FALSE(detector.flapping());
}

TEST(Flapping, AlternatingResultsChangeEveryTimeAndStartFlapping) {
  FlapDetector detector;
  std::optional<FlappingChange> started;
  for (int i = 0; i < 21; ++i) {
    auto change = detector.record(i % 2 ? Outcome::kFail : Outcome::kOk);
    if (change) started = change;
  }
  EXPECT_EQ(started, FlappingChange::kStarted);
  EXPECT_NEAR(detector.percent(), 100.0, 1e-9);  // 20 changes, weights averaging 1
  EXPECT_TRUE(detector.flapping());
}

TEST(Flapping, RecentChangesWeighMoreThanOldOnes) {
  FlapDetector old_change, new_change;
  // One change at the oldest transition vs one at the newest.
  old_change.record(Outcome::kFail);
  for (int i = 0; i < 20; ++i)
    old_change.record(Outcome::kOk);
  for (int i = 0; i < 20; ++i)
    new_change.record(Outcome::kOk);
  new_change.record(Outcome::kFail);
  EXPECT_NEAR(old_change.percent(), 100.0 * 0.8 / 20, 1e-9);
  EXPECT_NEAR(new_change.percent(), 100.0 * 1.2 / 20, 1e-9);
}

TEST(Flapping, StopsOnlyBelowTheStopThreshold) {
  FlapDetector detector;
  for (int i = 0; i < 21; ++i)
    detector.record(i % 2 ? Outcome::kFail : Outcome::kOk);
  ASSERT_TRUE(detector.flapping());
  std::optional<FlappingChange> stopped;
  int steady = 0;
  while (!stopped && steady < 40) {
    stopped = detector.record(Outcome::kOk);
    ++steady;
    if (!stopped) {
      EXPECT_GE(detector.percent(), 25.0) << "still flapping at or above the stop threshold";
    }
  }
  EXPECT_EQ(stopped, FlappingChange::kStopped);
  EXPECT_LT(detector.percent(), 25.0);
}

TEST(Flapping, WarnAndOkAreDifferentStates) {
  FlapDetector detector;
  detector.record(Outcome::kOk);
  detector.record(Outcome::kWarn);
  EXPECT_GT(detector.percent(), 0.0);
}

}  // namespace
}  // namespace nyxmon::domain
