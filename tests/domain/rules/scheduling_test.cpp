#include "domain/rules/scheduling.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;

TEST(Scheduling, PhaseIsStableAndInsideTheInterval) {
  EXPECT_EQ(phase_offset("api-health", 60s), phase_offset("api-health", 60s));
  for (const char* id : {"a", "api", "db-primary", "x.y.z"}) {
    const Duration phase = phase_offset(id, 60s);
    EXPECT_GE(phase, Duration::zero());
    EXPECT_LT(phase, Duration(60s));
  }
}

TEST(Scheduling, FnvHashIsTheSameInEveryBuild) {
  // FNV-1a 64 reference values.
  EXPECT_EQ(stable_hash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
}

TEST(Scheduling, ChecksWithEqualIntervalsSpreadOut) {
  std::set<std::int64_t> seconds_used;
  for (int i = 0; i < 1000; ++i) {
    const Duration phase = phase_offset("check-" + std::to_string(i), 60s);
    seconds_used.insert(std::chrono::duration_cast<std::chrono::seconds>(phase).count());
  }
  EXPECT_GT(seconds_used.size(), 55u) << "1000 checks should use nearly every second of a minute";
}

TEST(Scheduling, FirstDueIsTheNextGridPoint) {
  const Duration phase = phase_offset("api", 60s);
  const Timestamp due = first_due("api", 60s, at(10s));
  EXPECT_GE(due, at(10s));
  EXPECT_LT(due, at(70s));
  EXPECT_EQ((due.time_since_epoch() - phase) % Duration(60s), Duration::zero());
  EXPECT_EQ(first_due("api", 60s, due), due) << "a grid point is its own first due time";
}

TEST(Scheduling, FixedRateDoesNotDriftWithSlowRuns) {
  const Timestamp due = first_due("api", 60s, at());
  Timestamp previous = due;
  for (int i = 0; i < 100; ++i) {
    // Each run starts late and takes 7 s; the next is still on the grid.
    const NextRun next = next_run("api", 60s, 15s, previous, previous + 9s, false);
    EXPECT_EQ(next.due_at, previous + 60s);
    EXPECT_EQ(next.reason, RunReason::kSchedule);
    previous = next.due_at;
  }
  EXPECT_EQ(previous, due + 100 * Duration(60s));
}

TEST(Scheduling, SoftFailureRetriesSoonerButNeverAfterTheNextGridPoint) {
  const Timestamp due = first_due("api", 60s, at());
  const NextRun retry = next_run("api", 60s, 15s, due, due + 1s, true);
  EXPECT_EQ(retry.due_at, due + 16s);
  EXPECT_EQ(retry.reason, RunReason::kRetry);
  const NextRun late = next_run("api", 60s, 15s, due, due + 50s, true);
  EXPECT_EQ(late.due_at, due + 60s) << "the grid point comes first";
  EXPECT_EQ(late.reason, RunReason::kSchedule);
}

TEST(Scheduling, ARunLongerThanItsIntervalSkipsPassedGridPoints) {
  const Timestamp due = first_due("api", 10s, at());
  const NextRun next = next_run("api", 10s, 5s, due, due + 35s, false);
  EXPECT_EQ(next.due_at, due + 40s);
}

TEST(Scheduling, AfterDowntimeOneCatchUpRunAtOnceAndNothingBackFilled) {
  const Timestamp due = at(60s);
  const NextRun caught = catch_up(due, RunReason::kSchedule, at(3h));
  EXPECT_EQ(caught.due_at, at(3h));
  EXPECT_EQ(caught.reason, RunReason::kCatchUp);
  // The run after the catch-up is back on the grid, not one per missed minute.
  const NextRun after = next_run("api", 60s, 15s, caught.due_at, caught.due_at + 1s, false);
  EXPECT_GT(after.due_at, at(3h));
  EXPECT_LE(after.due_at, at(3h) + 60s);
  EXPECT_EQ(catch_up(at(4h), RunReason::kRetry, at(3h)).due_at, at(4h)) << "future stays";
}

}  // namespace
}  // namespace nyxmon::domain
