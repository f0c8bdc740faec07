#include "domain/rules/notification_policy.hpp"

#include <gtest/gtest.h>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;

NotificationInput changed_to(Status status, Timestamp now) {
  return NotificationInput{status, true, false, false, std::nullopt, now};
}

TEST(NotificationPolicy, ProblemOnAHardTransitionToDownAndResolvedOnRecovery) {
  NotificationState state;
  EXPECT_EQ(decide_notification(state, changed_to(Status::kDown, at())),
            NotificationKind::kProblem);
  EXPECT_TRUE(state.problem_notified);
  EXPECT_EQ(decide_notification(state, changed_to(Status::kUp, at(5min))),
            NotificationKind::kResolved);
  EXPECT_FALSE(state.problem_notified);
}

TEST(NotificationPolicy, UpFromPendingIsNotAResolution) {
  NotificationState state;
  EXPECT_EQ(decide_notification(state, changed_to(Status::kUp, at())), std::nullopt);
}

TEST(NotificationPolicy, DegradedIsAProblemAndDownAfterItAnother) {
  NotificationState state;
  EXPECT_EQ(decide_notification(state, changed_to(Status::kDegraded, at())),
            NotificationKind::kProblem);
  EXPECT_EQ(decide_notification(state, changed_to(Status::kDown, at(1min))),
            NotificationKind::kProblem);
  EXPECT_EQ(decide_notification(state, changed_to(Status::kUp, at(2min))),
            NotificationKind::kResolved);
}

TEST(NotificationPolicy, RemindsEveryReminderIntervalWhileDown) {
  NotificationState state;
  decide_notification(state, changed_to(Status::kDown, at()));
  NotificationInput still_down{Status::kDown, false, false, false, 30min, at(29min)};
  EXPECT_EQ(decide_notification(state, still_down), std::nullopt);
  still_down.now = at(30min);
  EXPECT_EQ(decide_notification(state, still_down), NotificationKind::kReminder);
  still_down.now = at(45min);
  EXPECT_EQ(decide_notification(state, still_down), std::nullopt);
  still_down.now = at(60min);
  EXPECT_EQ(decide_notification(state, still_down), NotificationKind::kReminder);
}

TEST(NotificationPolicy, NothingWhileFlappingOrPausedAndHeldOnesComeWhenFlappingStops) {
  NotificationState state;
  NotificationInput flapping{Status::kDown, true, true, false, 1min, at()};
  EXPECT_EQ(decide_notification(state, flapping), std::nullopt);
  EXPECT_EQ(decide_notification(state, {Status::kPaused, true, false, false, 1min, at()}),
            std::nullopt);
  NotificationInput stopped{Status::kDown, false, false, true, 1min, at(10min)};
  EXPECT_EQ(decide_notification(state, stopped), NotificationKind::kProblem);
}

TEST(NotificationPolicy, TheSameIncidentIsNeverNotifiedTwice) {
  NotificationState state;
  EXPECT_EQ(decide_notification(state, changed_to(Status::kDown, at())),
            NotificationKind::kProblem);
  NotificationInput flapping_stopped{Status::kDown, false, false, true, std::nullopt, at(1min)};
  EXPECT_EQ(decide_notification(state, flapping_stopped), std::nullopt);
  EXPECT_EQ(decide_notification(state, changed_to(Status::kDown, at(2min))), std::nullopt);
}

}  // namespace
}  // namespace nyxmon::domain
