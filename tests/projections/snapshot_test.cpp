#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "projections/projections.hpp"
#include "tests/support/simulation.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

std::vector<Envelope> busy_history() {
  testing::Simulation sim([](const CheckId& id, Timestamp t) {
    const auto minute = std::chrono::duration_cast<std::chrono::minutes>(t - at()).count();
    if (id.value == "db") return minute % 7 < 2 ? Outcome::kFail : Outcome::kOk;
    if (id.value == "cdn") return minute % 11 == 0 ? Outcome::kWarn : Outcome::kOk;
    return minute >= 20 && minute < 35 ? Outcome::kError : Outcome::kOk;
  });
  CheckSpec db = testing::http_check("db", "backend");
  db.notifiers = {NotifierId{"ops"}};
  CheckSpec cdn = testing::http_check("cdn", "web");
  cdn.interval = 30s;
  cdn.severity = Severity::kWarning;
  sim.dispatch({DefineService{testing::service_spec("web")},
                DefineService{testing::service_spec("backend")},
                DefineNotifier{
                    NotifierSpec{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/"}},
                DefineCheck{db}, DefineCheck{cdn}, DefineCheck{testing::http_check("api")}});
  sim.run_until(at(40min));
  sim.dispatch({PauseCheck{CheckId{"cdn"}, "migration"}});
  sim.run_until(at(50min));
  sim.dispatch({ResumeCheck{CheckId{"cdn"}}, RemoveCheck{CheckId{"api"}}});
  sim.run_until(at(70min));
  return sim.log().envelopes();
}

std::string fold_all(const std::vector<Envelope>& events) {
  Projections projections;
  for (const auto& e : events)
    projections.apply(e);
  return projections.snapshot();
}

TEST(ProjectionSnapshots, RestoringAtAnyPointAndFoldingTheRestIsByteIdentical) {
  const auto events = busy_history();
  ASSERT_GT(events.size(), 300u);
  const std::string expected = fold_all(events);
  for (std::size_t cut = 0; cut <= events.size(); cut += 17) {
    Projections before;
    for (std::size_t i = 0; i < cut; ++i)
      before.apply(events[i]);
    Projections after;
    ASSERT_TRUE(after.restore(before.snapshot())) << "cut " << cut;
    for (std::size_t i = cut; i < events.size(); ++i)
      after.apply(events[i]);
    ASSERT_EQ(after.snapshot(), expected) << "differs when restored at event " << cut;
  }
}

TEST(ProjectionSnapshots, RestoredStateAnswersLikeTheOriginal) {
  const auto events = busy_history();
  Projections original;
  for (const auto& e : events)
    original.apply(e);
  Projections restored;
  ASSERT_TRUE(restored.restore(original.snapshot()));
  EXPECT_EQ(restored.checkpoint(), original.checkpoint());
  EXPECT_EQ(restored.find_check(CheckId{"db"})->state, original.find_check(CheckId{"db"})->state);
  EXPECT_EQ(restored.schedule().next()->check, original.schedule().next()->check);
  EXPECT_EQ(restored.schedule().size(), original.schedule().size());
  EXPECT_EQ(restored.find_service(ServiceId{"web"})->status,
            original.find_service(ServiceId{"web"})->status);
}

TEST(ProjectionSnapshots, DamagedOrForeignBytesAreRefusedAndChangeNothing) {
  const auto events = busy_history();
  Projections projections;
  for (const auto& e : events)
    projections.apply(e);
  const std::string good = projections.snapshot();
  const std::string before = projections.snapshot();

  auto truncated = projections.restore(std::string_view(good).substr(0, good.size() / 2));
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::kCorruption);
  auto foreign = projections.restore("this is not a snapshot at all");
  ASSERT_FALSE(foreign);
  std::string newer = good;
  newer[4] = 9;  // the version after the magic
  auto unsupported = projections.restore(newer);
  ASSERT_FALSE(unsupported);
  EXPECT_EQ(unsupported.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(projections.snapshot(), before);
}

TEST(Schedule, PopsDueChecksEarliestFirst) {
  Schedule schedule;
  CheckRecord a, b, c;
  a.spec.edit().id = CheckId{"a"};
  a.next = {at(30s), RunReason::kSchedule};
  b.spec.edit().id = CheckId{"b"};
  b.next = {at(10s), RunReason::kRetry};
  c.spec.edit().id = CheckId{"c"};
  c.next = {at(90s), RunReason::kSchedule};
  CheckSlot slot = 0;
  for (auto* record : {&a, &b, &c})
    schedule.update(*record, slot++);
  EXPECT_EQ(schedule.next()->check, CheckId{"b"});
  const auto due = schedule.pop_due(at(60s));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].check, CheckId{"b"});
  EXPECT_EQ(due[0].reason, RunReason::kRetry);
  EXPECT_EQ(due[1].check, CheckId{"a"});
  EXPECT_EQ(schedule.size(), 1u);
  a.run_in_flight = 1;
  schedule.update(a, 0);
  EXPECT_EQ(schedule.size(), 1u) << "a check with a run in flight is not queued";
}

TEST(Schedule, ARequeuedCheckIsDueOnlyAtItsNewTimeAndTiesGoToTheSmallerId) {
  Schedule schedule;
  CheckRecord a, b;
  a.spec.edit().id = CheckId{"a"};
  b.spec.edit().id = CheckId{"b"};
  a.next = b.next = {at(10s), RunReason::kSchedule};
  schedule.update(b, 1);
  schedule.update(a, 0);
  EXPECT_EQ(schedule.next()->check, CheckId{"a"}) << "same time: the smaller id first";
  a.next = {at(50s), RunReason::kRunNow};
  schedule.update(a, 0);  // moved later: its 10 s entry no longer counts
  EXPECT_EQ(schedule.size(), 2u);
  auto due = schedule.pop_due(at(20s));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].check, CheckId{"b"});
  b.state.status = Status::kPaused;
  b.next = {at(30s), RunReason::kSchedule};
  schedule.update(b, 1);
  due = schedule.pop_due(at(60s));
  ASSERT_EQ(due.size(), 1u) << "a paused check is not due";
  EXPECT_EQ(due[0].check, CheckId{"a"});
  EXPECT_EQ(due[0].due_at, at(50s));
  EXPECT_EQ(due[0].reason, RunReason::kRunNow);
  EXPECT_FALSE(schedule.next());
}

// Thousands of random updates and pops against the plain model of a
// schedule (every queued check sorted by time, then id): the same answers,
// with a few updates between pops (the heap is pushed to) and with many
// (it is rebuilt).
class ScheduleModel : public ::testing::TestWithParam<int> {};

TEST_P(ScheduleModel, AgreesWithASortedModelOverRandomUpdates) {
  const int updates_per_pop = GetParam();
  Schedule schedule;
  std::map<std::string, std::pair<std::chrono::seconds, bool>> model;  // id -> (due, queued)
  std::vector<CheckRecord> records(50);
  for (std::size_t i = 0; i < records.size(); ++i)
    records[i].spec.edit().id = CheckId{"c" + std::to_string(i)};
  std::uint64_t seed = 42;
  auto random = [&seed](std::uint64_t below) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % below;
  };
  std::chrono::seconds now{0};
  for (int step = 0; step < 20'000; ++step) {
    if (random(static_cast<std::uint64_t>(updates_per_pop) + 1) != 0) {
      const auto slot = static_cast<CheckSlot>(random(records.size()));
      CheckRecord& record = records[slot];
      const auto due = now + std::chrono::seconds(random(30));
      record.next = {at(due), RunReason::kSchedule};
      record.run_in_flight = random(5) == 0 ? 1 : 0;
      record.removed = random(40) == 0;
      schedule.update(record, slot);
      model[record.spec->id.value] = {due, !record.run_in_flight && !record.removed};
    } else {
      now += std::chrono::seconds(random(5));
      std::vector<std::pair<std::chrono::seconds, std::string>> expected;
      for (auto& [id, entry] : model) {
        if (entry.second && entry.first <= now) expected.emplace_back(entry.first, id);
      }
      std::sort(expected.begin(), expected.end());
      for (const auto& [due, id] : expected)
        model[id].second = false;
      const auto popped = schedule.pop_due(at(now));
      ASSERT_EQ(popped.size(), expected.size()) << "step " << step;
      for (std::size_t i = 0; i < popped.size(); ++i) {
        EXPECT_EQ(popped[i].check.value, expected[i].second) << "step " << step;
        EXPECT_EQ(popped[i].due_at, at(expected[i].first)) << "step " << step;
      }
    }
    std::size_t queued = 0;
    for (const auto& [id, entry] : model)
      queued += entry.second;
    ASSERT_EQ(schedule.size(), queued) << "step " << step;
  }
}

INSTANTIATE_TEST_SUITE_P(FewOrManyUpdatesBetweenPops, ScheduleModel, ::testing::Values(3, 60));

TEST(LatencyHistogram, PercentilesFallInTheRightBins) {
  LatencyHistogram histogram;
  std::uint32_t samples = 0;
  for (int i = 0; i < 90; ++i)
    histogram.add(3ms, ++samples);
  for (int i = 0; i < 10; ++i)
    histogram.add(700ms, ++samples);
  const auto p50 = histogram.percentile(50);
  const auto p99 = histogram.percentile(99);
  ASSERT_TRUE(p50 && p99);
  EXPECT_GE(*p50, 2ms);
  EXPECT_LE(*p50, 5ms);
  EXPECT_GE(*p99, 500ms);
  EXPECT_LE(*p99, 1000ms);
}

TEST(LatencyHistogram, KeepsProportionsPastItsCountCapacity) {
  LatencyHistogram histogram;
  for (std::uint32_t i = 0; i < 100'000; ++i)
    histogram.add(i % 4 == 0 ? 150ms : 15ms, i + 1);
  const auto p50 = histogram.percentile(50);
  const auto p90 = histogram.percentile(90);
  ASSERT_TRUE(p50 && p90);
  EXPECT_LE(*p50, 20ms);
  EXPECT_GE(*p90, 100ms);
}

}  // namespace
}  // namespace nyxmon::projections
