// A scripted history over simulated time: outages, recoveries and flapping,
// with incidents, uptime and notifications checked against figures worked
// out by hand from the rules.
#include <gtest/gtest.h>

#include "tests/support/simulation.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;
using testing::Simulation;

// The target of "api" is down from 10:00 to 20:00 into every hour.
Outcome outage_from_10_to_20(const CheckId&, Timestamp t) {
  const auto into_hour = (t - at()) % Duration(1h);
  return into_hour >= 10min && into_hour < 20min ? Outcome::kFail : Outcome::kOk;
}

Simulation one_hour_with_an_outage() {
  Simulation sim(outage_from_10_to_20);
  CheckSpec api = testing::http_check("api");
  api.notifiers = {NotifierId{"ops"}};
  sim.dispatch({DefineService{testing::service_spec("web")},
                DefineNotifier{
                    NotifierSpec{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/"}},
                DefineCheck{api}});
  sim.run_until(at(1h) - 1ns);
  return sim;
}

TEST(SimulatedHistory, AnOutageMakesOneIncidentOfTheLengthTheRulesGive) {
  const Simulation sim = one_hour_with_an_outage();
  const Duration phase = phase_offset("api", 60s);
  // Fails at 10:00+phase, retries at +15 s and +30 s: down at 10:30+phase.
  // Runs on the grid while down; the first good result at 20:00+phase, the
  // second (recovery_threshold 2) at 21:00+phase: up.
  const auto incidents = sim.projections().incidents().of(CheckId{"api"});
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0].started_at, at(10min + 30s) + phase);
  ASSERT_TRUE(incidents[0].ended_at);
  EXPECT_EQ(*incidents[0].ended_at, at(21min) + phase);
  EXPECT_EQ(incidents[0].cause, "scripted failure");
  EXPECT_TRUE(sim.projections().incidents().open().empty());
}

TEST(SimulatedHistory, UptimeCountsEveryResultOfTheHour) {
  const Simulation sim = one_hour_with_an_outage();
  // 60 grid runs + 2 retries = 62 results; failing: 3 (10:00, +15 s, +30 s)
  // and the grid runs 11:00 to 19:00 = 9, so 12 bad, 50 good.
  const WindowStats hour = sim.projections().window(CheckId{"api"}, StatsWindow::kHour, sim.now());
  EXPECT_EQ(hour.results, 62u);
  EXPECT_EQ(hour.good, 50u);
  ASSERT_TRUE(hour.uptime_percent);
  EXPECT_NEAR(*hour.uptime_percent, 100.0 * 50 / 62, 1e-9);
  EXPECT_EQ(sim.events<CheckResultRecorded>().size(), 62u);
  EXPECT_EQ(sim.events<CheckScheduled>().size(), 62u);
}

TEST(SimulatedHistory, NotifiesTheProblemAndItsResolutionOnce) {
  const Simulation sim = one_hour_with_an_outage();
  const auto notifications = sim.events<NotificationRequested>();
  ASSERT_EQ(notifications.size(), 2u);
  EXPECT_EQ(notifications[0]->kind, NotificationKind::kProblem);
  EXPECT_EQ(notifications[0]->status, Status::kDown);
  EXPECT_EQ(notifications[1]->kind, NotificationKind::kResolved);
  const auto changes = sim.events<CheckStatusChanged>();
  ASSERT_EQ(changes.size(), 3u);  // pending → up, up → down, down → up
  EXPECT_EQ(changes[1]->rule, "3rd consecutive fail ≥ failure_threshold 3 → down");
  EXPECT_EQ(changes[2]->rule, "2nd consecutive good result (ok) ≥ recovery_threshold 2 → up");
}

TEST(SimulatedHistory, FlappingHoldsNotificationsUntilItStops) {
  // Three minutes bad, two good, for half an hour; then good for an hour.
  Simulation sim([](const CheckId&, Timestamp t) {
    const auto into = t - at();
    if (into >= 30min) return Outcome::kOk;
    return (into % Duration(5min)) < 3min ? Outcome::kFail : Outcome::kOk;
  });
  CheckSpec api = testing::http_check("api");
  api.notifiers = {NotifierId{"ops"}};
  api.failure_threshold = 1;
  api.recovery_threshold = 1;
  sim.dispatch({DefineService{testing::service_spec("web")},
                DefineNotifier{
                    NotifierSpec{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/"}},
                DefineCheck{api}});
  sim.run_until(at(90min));

  std::optional<std::uint64_t> started, stopped;
  std::vector<std::uint64_t> notified;
  for (const Envelope& e : sim.log().envelopes()) {
    if (std::holds_alternative<CheckFlappingStarted>(e.event) && !started) started = e.sequence;
    if (std::holds_alternative<CheckFlappingStopped>(e.event)) stopped = e.sequence;
    if (std::holds_alternative<NotificationRequested>(e.event)) notified.push_back(e.sequence);
  }
  ASSERT_TRUE(started) << "alternating outages must be recognised as flapping";
  ASSERT_TRUE(stopped) << "an hour of good results must end it";
  for (std::uint64_t sequence : notified) {
    EXPECT_FALSE(sequence > *started && sequence < *stopped) << "notified while flapping";
  }
  EXPECT_FALSE(sim.projections().find_check(CheckId{"api"})->flapping.flapping());
}

TEST(SimulatedHistory, ReplayingTheSameHistoryDecidesTheSame) {
  const Simulation first = one_hour_with_an_outage();
  const Simulation second = one_hour_with_an_outage();
  ASSERT_EQ(first.log().envelopes().size(), second.log().envelopes().size());
  for (std::size_t i = 0; i < first.log().envelopes().size(); ++i) {
    const auto& a = first.log().envelopes()[i];
    const auto& b = second.log().envelopes()[i];
    EXPECT_EQ(a.event, b.event) << "event " << i;
    EXPECT_EQ(a.recorded_at, b.recorded_at);
  }
  EXPECT_EQ(first.projections().snapshot(), second.projections().snapshot());
}

}  // namespace
}  // namespace nyxmon::projections
