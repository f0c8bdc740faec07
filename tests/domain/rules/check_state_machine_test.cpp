#include "domain/rules/check_state_machine.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace nyxmon::domain {
namespace {

constexpr Outcome ok = Outcome::kOk, warn = Outcome::kWarn, fail = Outcome::kFail,
                  error = Outcome::kError;

// Feeds outcomes from a state and returns the status after each.
std::vector<Status> statuses(std::vector<Outcome> outcomes, CheckState state = {},
                             StateMachineThresholds thresholds = {}) {
  std::vector<Status> out;
  for (Outcome outcome : outcomes) {
    state = step(state, outcome, thresholds).state;
    out.push_back(state.status);
  }
  return out;
}

constexpr Status pending = Status::kPending, up = Status::kUp, degraded = Status::kDegraded,
                 down = Status::kDown;

struct Case {
  const char* name;
  std::vector<Outcome> outcomes;
  std::vector<Status> expected;
  StateMachineThresholds thresholds = {};
};

TEST(CheckStateMachine, FollowsTheTableOfCases) {
  const std::vector<Case> cases = {
      {"first ok decides at once", {ok}, {up}},
      {"first warn decides at once", {warn}, {degraded}},
      {"fails from pending stay pending until the threshold",
       {fail, fail, fail},
       {pending, pending, down}},
      {"error counts as a failure", {ok, error, error, error}, {up, up, up, down}},
      {"down only after three consecutive fails",
       {ok, fail, fail, ok, fail, fail, fail},
       {up, up, up, up, up, up, down}},
      {"up only after two consecutive goods",
       {fail, fail, fail, ok, fail, ok, ok},
       {pending, pending, down, down, down, down, up}},
      {"recovery with warn lands on degraded",
       {fail, fail, fail, warn, warn},
       {pending, pending, down, down, degraded}},
      {"warn while up degrades at once, ok restores", {ok, warn, ok}, {up, degraded, up}},
      {"threshold one goes down at the first fail", {ok, fail, ok}, {up, down, up}, {1, 1}},
      {"thresholds five and three",
       {ok, fail, fail, fail, fail, fail, ok, ok, ok},
       {up, up, up, up, up, down, down, down, up},
       {5, 3}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(statuses(c.outcomes, {}, c.thresholds), c.expected) << c.name;
  }
}

TEST(CheckStateMachine, GoesDownOnlyAfterFailureThresholdConsecutiveFails) {
  CheckState state{Status::kUp, 0, 5};
  for (int i = 1; i <= 2; ++i) {
    const Step s = step(state, fail, {3, 2});
    EXPECT_FALSE(s.change) << "fail " << i;
    EXPECT_TRUE(in_soft_failure(s.state));
    EXPECT_EQ(s.note, "soft failure " + std::to_string(i) + "/3");
    state = s.state;
  }
  const Step third = step(state, fail, {3, 2});
  ASSERT_TRUE(third.change);
  EXPECT_EQ(third.change->from, Status::kUp);
  EXPECT_EQ(third.change->to, Status::kDown);
  EXPECT_EQ(third.change->rule, "3rd consecutive fail ≥ failure_threshold 3 → down");
  EXPECT_FALSE(in_soft_failure(third.state)) << "a hard failure is not soft";
}

TEST(CheckStateMachine, RecoveryRuleNamesTheCountAndThreshold) {
  CheckState state{Status::kDown, 4, 0};
  state = step(state, ok, {3, 2}).state;
  const Step second = step(state, ok, {3, 2});
  ASSERT_TRUE(second.change);
  EXPECT_EQ(second.change->rule, "2nd consecutive good result (ok) ≥ recovery_threshold 2 → up");
}

TEST(CheckStateMachine, AGoodResultClearsASoftFailure) {
  CheckState state = step(CheckState{Status::kUp, 0, 3}, fail, {}).state;
  ASSERT_TRUE(in_soft_failure(state));
  const Step s = step(state, ok, {});
  EXPECT_FALSE(s.change);
  EXPECT_FALSE(in_soft_failure(s.state));
  EXPECT_EQ(s.note, "soft failure cleared");
}

TEST(CheckStateMachine, PausedIgnoresResultsAndResumeStartsOverFromPending) {
  const Step paused = pause(CheckState{Status::kDown, 7, 0});
  ASSERT_TRUE(paused.change);
  EXPECT_EQ(paused.change->to, Status::kPaused);
  const Step ignored = step(paused.state, ok, {});
  EXPECT_EQ(ignored.state.status, Status::kPaused);
  EXPECT_FALSE(ignored.change);
  const Step resumed = resume(ignored.state);
  ASSERT_TRUE(resumed.change);
  EXPECT_EQ(resumed.state, CheckState{});
}

TEST(CheckStateMachine, OrdinalsReadNaturally) {
  EXPECT_EQ(ordinal(1), "1st");
  EXPECT_EQ(ordinal(2), "2nd");
  EXPECT_EQ(ordinal(3), "3rd");
  EXPECT_EQ(ordinal(4), "4th");
  EXPECT_EQ(ordinal(11), "11th");
  EXPECT_EQ(ordinal(12), "12th");
  EXPECT_EQ(ordinal(22), "22nd");
  EXPECT_EQ(ordinal(113), "113th");
}

}  // namespace
}  // namespace nyxmon::domain
