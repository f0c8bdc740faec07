// What-if over a simulated history: re-running the engine's decider with
// the settings the checks had reproduces what happened, flapping and
// reminders included; with other settings, the short outage that paged
// someone would not have, and a longer interval replays fewer runs.
#include <gtest/gtest.h>

#include "projections/what_if.hpp"
#include "tests/support/decision_fixture.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/simulation.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

// A target down for 3 minutes at 00:10 and for 30 minutes at 00:30.
Outcome target(const CheckId&, Timestamp when) {
  const bool blip = when >= at(10min) && when < at(13min);
  const bool outage = when >= at(30min) && when < at(60min);
  return blip || outage ? Outcome::kFail : Outcome::kOk;
}

class WhatIfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CheckSpec spec = testing::http_check("api");
    spec.interval = 1min;
    spec.retry_interval = 1min;
    spec.failure_threshold = 2;
    spec.recovery_threshold = 1;
    spec.notifiers = {NotifierId{"ops"}};
    simulation.dispatch(
        {DefineNotifier{NotifierSpec{
             NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:1/", {}, "", 5}},
         DefineService{testing::service_spec("web")}, DefineCheck{spec}});
    simulation.run_until(at(2h));
  }

  std::vector<WhatIfCheck> what_if(WhatIfParameters parameters, Timestamp since = {}) {
    WhatIf what_if(parameters, since);
    for (const auto& envelope : simulation.log().envelopes())
      what_if.apply(envelope);
    return what_if.report();
  }

  testing::Simulation simulation{target};
};

std::vector<std::pair<Status, Status>> transitions(const std::vector<WhatIfChange>& changes) {
  std::vector<std::pair<Status, Status>> out;
  for (const auto& change : changes)
    out.emplace_back(change.from, change.to);
  return out;
}

TEST_F(WhatIfTest, TheSameParametersReproduceWhatHappened) {
  const auto report = what_if({});
  ASSERT_EQ(report.size(), 1u);
  const WhatIfCheck& api = report[0];
  EXPECT_EQ(api.results, simulation.events<CheckResultRecorded>().size());
  EXPECT_EQ(api.actual.size(), simulation.events<CheckStatusChanged>().size());
  EXPECT_EQ(transitions(api.simulated), transitions(api.actual));
  for (std::size_t i = 0; i < api.actual.size(); ++i) {
    EXPECT_EQ(api.simulated[i].notification.has_value(), api.actual[i].notification.has_value())
        << "change " << i;
  }
  // pending → up, then down and up twice: the blip and the outage.
  EXPECT_EQ(api.actual.size(), 5u);
}

TEST_F(WhatIfTest, AHigherFailureThresholdRidesOutTheBlipButNotTheOutage) {
  const auto report = what_if({.failure_threshold = 5});
  const WhatIfCheck& api = report.at(0);
  const std::vector<std::pair<Status, Status>> expected = {
      {Status::kPending, Status::kUp}, {Status::kUp, Status::kDown}, {Status::kDown, Status::kUp}};
  EXPECT_EQ(transitions(api.simulated), expected);
  EXPECT_GE(api.simulated[1].at, at(30min) + 4min) << "down at the 5th failure of the outage";
  ASSERT_TRUE(api.simulated[1].notification);
  EXPECT_EQ(*api.simulated[1].notification, NotificationKind::kProblem);
  EXPECT_EQ(*api.simulated[2].notification, NotificationKind::kResolved);
}

TEST_F(WhatIfTest, SinceLimitsWhatIsReportedNotWhatIsFolded) {
  const auto report = what_if({.failure_threshold = 5}, at(20min));
  const WhatIfCheck& api = report.at(0);
  EXPECT_EQ(api.actual.size(), 2u) << "the outage's down and up";
  EXPECT_EQ(transitions(api.simulated), transitions(api.actual));
  EXPECT_LT(api.results, simulation.events<CheckResultRecorded>().size());
}

// A target that fails every other minute from 00:20 to 01:00: the check
// flaps (notifications held) and, while down, is reminded about. The
// simulation decides both as the engine did.
Outcome flappy(const CheckId&, Timestamp when) {
  if (when >= at(20min) && when < at(60min)) {
    const auto minute = std::chrono::duration_cast<std::chrono::minutes>(when - at()).count();
    return minute % 2 == 0 ? Outcome::kFail : Outcome::kOk;
  }
  if (when >= at(70min) && when < at(100min)) return Outcome::kFail;
  return Outcome::kOk;
}

TEST(WhatIfDecider, FlappingAndRemindersCountAsTheEngineCountedThem) {
  testing::Simulation simulation{flappy};
  CheckSpec spec = testing::http_check("api");
  spec.interval = 1min;
  spec.retry_interval = 1min;
  spec.failure_threshold = 1;
  spec.recovery_threshold = 1;
  spec.reminder_interval = 10min;
  spec.notifiers = {NotifierId{"ops"}};
  simulation.dispatch(
      {DefineNotifier{NotifierSpec{
           NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:1/", {}, "", 5}},
       DefineService{testing::service_spec("web")}, DefineCheck{spec}});
  simulation.run_until(at(2h));
  ASSERT_FALSE(simulation.events<CheckFlappingStarted>().empty()) << "the target must flap";

  WhatIf same({}, {});
  for (const auto& envelope : simulation.log().envelopes())
    same.apply(envelope);
  const WhatIfCheck api = same.report().at(0);
  ASSERT_EQ(api.simulated.size(), api.actual.size());
  std::size_t reminders = 0, held = 0;
  for (std::size_t i = 0; i < api.actual.size(); ++i) {
    EXPECT_EQ(api.simulated[i].from, api.actual[i].from) << i;
    EXPECT_EQ(api.simulated[i].to, api.actual[i].to) << i;
    EXPECT_EQ(api.simulated[i].notification, api.actual[i].notification) << i;
    reminders += api.actual[i].rule == "reminder";
    held += api.actual[i].from != api.actual[i].to && !api.actual[i].notification;
  }
  EXPECT_GT(reminders, 0u) << "reminders while down count";
  EXPECT_GT(held, 0u) << "changes while flapping notify nobody";

  WhatIf no_reminders({.reminder_interval = 24h}, {});
  for (const auto& envelope : simulation.log().envelopes())
    no_reminders.apply(envelope);
  const auto quiet = no_reminders.report();
  for (const auto& change : quiet.at(0).simulated)
    EXPECT_NE(change.rule, "reminder");
}

TEST_F(WhatIfTest, ALongerIntervalReplaysOnlyTheRunsTheCheckWouldHaveMade) {
  const auto same = what_if({}).at(0);
  EXPECT_EQ(same.replayed, same.results) << "the same settings replay every run";
  const auto report = what_if({.interval = 30min, .retry_interval = 30min});
  const WhatIfCheck& api = report.at(0);
  // Two hours of results a minute apart, replayed every 30 minutes.
  EXPECT_GE(api.replayed, 3u);
  EXPECT_LE(api.replayed, 6u);
  EXPECT_EQ(api.results, same.results);
}

TEST(WhatIfDecider, ADefinitionTodaysRulesRefuseIsReportedNotSilentlyDropped) {
  CheckSpec old = testing::http_check("legacy");
  old.failure_threshold = 0;  // refused today
  WhatIf what_if({}, {});
  what_if.apply(Envelope{1, "service-web", 1, at(), ServiceDefined{testing::service_spec("web")}});
  what_if.apply(Envelope{2, "check-legacy", 1, at(), CheckDefined{old}});
  const auto report = what_if.report();
  ASSERT_EQ(report.size(), 1u);
  EXPECT_NE(report[0].refused.find("failure_threshold"), std::string::npos) << report[0].refused;
}

// What the engine's notification clock decided between results (an
// escalation here) falls due in the simulation at the same instant, and a
// what-if without it shows the page it would have spared.
class WhatIfNotificationClock : public testing::DecisionFixture {};

TEST_F(WhatIfNotificationClock, AnEscalationBetweenResultsIsSimulatedWhenItFellDue) {
  NotifierSpec chat{NotifierId{"chat"}, NotifierKind::kWebhook, "http://127.0.0.1:1/c"};
  chat.escalate_to = NotifierId{"pager"};
  chat.escalate_after = 150s;
  CheckSpec spec = testing::http_check("api");
  spec.failure_threshold = 1;
  spec.notifiers = {chat.id};
  expect_accepted({DefineNotifier{chat},
                   DefineNotifier{NotifierSpec{NotifierId{"pager"}, NotifierKind::kWebhook,
                                               "http://127.0.0.1:1/p"}},
                   DefineService{testing::service_spec("web")}, DefineCheck{spec}});
  for (int i = 0; i < 3; ++i)
    run_once(CheckId{"api"}, Outcome::kFail);  // down at t, t+1m, t+2m
  const Timestamp escalated_at = state.find_check(CheckId{"api"})->status_since + 150s;
  now = escalated_at;  // the clock's turn, between two results
  expect_accepted({DecideNotifications{CheckId{"api"}}});
  run_once(CheckId{"api"}, Outcome::kFail);
  ASSERT_EQ(since<NotificationRequested>(0).back()->kind, NotificationKind::kEscalation);

  WhatIf same({}, {});
  for (const auto& envelope : log.envelopes())
    same.apply(envelope);
  const WhatIfCheck api = same.report().at(0);
  ASSERT_EQ(api.actual.size(), 2u);  // down [problem], escalation
  ASSERT_EQ(api.simulated.size(), api.actual.size());
  EXPECT_EQ(api.actual[1].rule, "escalation");
  EXPECT_EQ(api.simulated[1].rule, "escalation");
  EXPECT_EQ(api.simulated[1].at, escalated_at);
  EXPECT_EQ(api.actual[1].at, escalated_at);
}

}  // namespace
}  // namespace nyxmon::projections

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

MaintenanceSpec window_over(Timestamp start, Duration length) {
  MaintenanceSpec spec;
  spec.id = MaintenanceId{"upgrade"};
  spec.scope.checks = {CheckId{"api"}};
  spec.start = start;
  spec.duration = length;
  return spec;
}

std::size_t pages(const std::vector<WhatIfChange>& changes) {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [](const auto& c) {
    return c.notification == NotificationKind::kProblem;
  }));
}

class WhatIfMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CheckSpec spec = testing::http_check("api");
    spec.interval = 1min;
    spec.retry_interval = 1min;
    spec.failure_threshold = 2;
    spec.recovery_threshold = 1;
    spec.notifiers = {NotifierId{"ops"}};
    simulation.dispatch(
        {DefineNotifier{NotifierSpec{
             NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:1/", {}, "", 5}},
         DefineService{testing::service_spec("web")}, DefineCheck{spec}});
  }

  std::vector<WhatIfCheck> what_if(WhatIfParameters parameters) {
    WhatIf what_if(std::move(parameters), Timestamp{});
    for (const auto& envelope : simulation.log().envelopes())
      what_if.apply(envelope);
    return what_if.report();
  }

  testing::Simulation simulation{target};
};

TEST_F(WhatIfMaintenanceTest, ARecordedWindowIsReplayedExactly) {
  simulation.run_until(at(25min));
  const MaintenanceSpec window = window_over(at(25min), 20min);
  simulation.dispatch(
      {DefineMaintenance{window, "alice"}, StartMaintenance{window.id, at(25min), at(45min)}});
  simulation.run_until(at(45min));
  simulation.dispatch({EndMaintenance{window.id, ""}});
  simulation.run_until(at(2h));

  const auto report = what_if({});
  ASSERT_EQ(report.size(), 1u);
  const WhatIfCheck& api = report[0];
  ASSERT_EQ(api.simulated.size(), api.actual.size());
  for (std::size_t i = 0; i < api.actual.size(); ++i) {
    EXPECT_EQ(api.simulated[i].at, api.actual[i].at) << "change " << i;
    EXPECT_EQ(api.simulated[i].from, api.actual[i].from) << "change " << i;
    EXPECT_EQ(api.simulated[i].to, api.actual[i].to) << "change " << i;
    EXPECT_EQ(api.simulated[i].rule, api.actual[i].rule) << "change " << i;
    EXPECT_EQ(api.simulated[i].notification, api.actual[i].notification) << "change " << i;
  }
  // The outage at 00:30 went to maintenance and was paged once, at 00:45.
  EXPECT_TRUE(std::any_of(api.actual.begin(), api.actual.end(),
                          [](const auto& c) { return c.to == Status::kMaintenance; }));
}

TEST_F(WhatIfMaintenanceTest, AHypotheticalWindowShowsThePagesItWouldHaveSpared) {
  simulation.run_until(at(2h));
  WhatIfParameters parameters;
  // Over the whole outage (00:30 to 01:00): it would have paged nobody.
  parameters.windows.push_back({window_over(at(25min), 40min), {{at(25min), at(65min)}}});
  const auto report = what_if(std::move(parameters));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(pages(report[0].actual), 2u) << "the blip and the outage";
  EXPECT_EQ(pages(report[0].simulated), 1u) << "only the blip";
  EXPECT_TRUE(std::any_of(report[0].simulated.begin(), report[0].simulated.end(),
                          [](const auto& c) { return c.to == Status::kMaintenance; }));
}

}  // namespace
}  // namespace nyxmon::projections
