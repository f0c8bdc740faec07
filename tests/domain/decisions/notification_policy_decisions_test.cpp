// The notification policy as the decider applies it over a check's runs:
// notify_on, notify_after, escalation, flapping and maintenance notices,
// each recorded as a NotificationRequested to the notifier it is for.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/decision_fixture.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::http_check;
using testing::service_spec;

const CheckId kCart{"cart"};
const NotifierId kChat{"chat"};
const NotifierId kPager{"pager"};

class NotificationPolicyDecisions : public testing::DecisionFixture {
 protected:
  void define(NotifierSpec chat, NotifierSpec pager = {}) {
    chat.id = kChat;
    chat.url = "http://127.0.0.1:9/chat";
    pager.id = kPager;
    pager.url = "http://127.0.0.1:9/pager";
    CheckSpec check = http_check("cart", "shop");
    check.failure_threshold = 1;
    check.recovery_threshold = 1;
    check.notifiers = {kChat};
    expect_accepted({DefineService{service_spec("shop")}, DefineNotifier{chat},
                     DefineNotifier{pager}, DefineCheck{check}});
  }

  // "chat:problem", one per notification requested from `from` on.
  std::vector<std::string> told(std::size_t from) const {
    std::vector<std::string> out;
    for (const auto* requested : since<NotificationRequested>(from))
      out.push_back(requested->notifier.value + ":" + std::string(to_string(requested->kind)));
    return out;
  }
  using Told = std::vector<std::string>;
};

TEST_F(NotificationPolicyDecisions, NotifyAfterHoldsAProblemUntilItHasLasted) {
  NotifierSpec chat;
  chat.notify_after = 2min;
  define(chat);
  std::size_t from = appended();
  run_once(kCart, Outcome::kFail);
  run_once(kCart, Outcome::kOk);
  EXPECT_EQ(told(from), Told{}) << "down for a minute: nobody is told, nor of the recovery";

  from = appended();
  run_once(kCart, Outcome::kFail);
  run_once(kCart, Outcome::kFail);
  EXPECT_EQ(told(from), Told{});
  run_once(kCart, Outcome::kFail);  // two minutes after it went down
  EXPECT_EQ(told(from), Told{"chat:problem"});
  run_once(kCart, Outcome::kOk);
  EXPECT_EQ(told(from), (Told{"chat:problem", "chat:resolved"}));
}

TEST_F(NotificationPolicyDecisions, AProblemNobodyAcknowledgesIsEscalated) {
  NotifierSpec chat;
  chat.escalate_to = kPager;
  chat.escalate_after = 3min;
  define(chat);
  const std::size_t from = appended();
  for (int i = 0; i < 3; ++i)
    run_once(kCart, Outcome::kFail);  // down at 0, still at 1 and 2 minutes
  EXPECT_EQ(told(from), Told{"chat:problem"});
  run_once(kCart, Outcome::kFail);
  run_once(kCart, Outcome::kFail);
  EXPECT_EQ(told(from), (Told{"chat:problem", "pager:escalation"}));
  run_once(kCart, Outcome::kOk);
  EXPECT_EQ(told(from),
            (Told{"chat:problem", "pager:escalation", "chat:resolved", "pager:resolved"}));
}

TEST_F(NotificationPolicyDecisions, WhatFallsDueBetweenResultsIsDecidedWhenAsked) {
  NotifierSpec chat;
  chat.escalate_to = kPager;
  chat.escalate_after = 90s;
  define(chat);
  const std::size_t from = appended();
  run_once(kCart, Outcome::kFail);
  now += 89s;
  expect_accepted({DecideNotifications{kCart}});
  EXPECT_EQ(told(from), Told{"chat:problem"});
  now += 1s;
  expect_accepted({DecideNotifications{kCart}});
  EXPECT_EQ(told(from), (Told{"chat:problem", "pager:escalation"}));
  expect_accepted({DecideNotifications{kCart}});
  EXPECT_EQ(told(from), (Told{"chat:problem", "pager:escalation"})) << "told once";
}

TEST_F(NotificationPolicyDecisions, AnAcknowledgementStopsTheEscalation) {
  NotifierSpec chat;
  chat.escalate_to = kPager;
  chat.escalate_after = 3min;
  define(chat);
  const std::size_t from = appended();
  run_once(kCart, Outcome::kFail);
  expect_accepted({AcknowledgeCheck{kCart, "alice", "on it", true, std::nullopt}});
  for (int i = 0; i < 5; ++i)
    run_once(kCart, Outcome::kFail);
  EXPECT_EQ(told(from), Told{"chat:problem"});
}

TEST_F(NotificationPolicyDecisions, NotifyOnChoosesWhatEachNotifierHears) {
  NotifierSpec chat;
  chat.notify_on = NotifyOnSet::none();
  chat.notify_on.add(NotifyOn::kDown);
  chat.notify_on.add(NotifyOn::kFlappingStarted);
  chat.notify_on.add(NotifyOn::kFlappingStopped);
  define(chat);
  const std::size_t from = appended();
  run_once(kCart, Outcome::kFail);
  run_once(kCart, Outcome::kOk);
  EXPECT_EQ(told(from), Told{"chat:problem"}) << "recovered is not in its notify_on";
  const std::size_t flapping = appended();
  for (int i = 0; i < 10; ++i)
    run_once(kCart, i % 2 == 0 ? Outcome::kFail : Outcome::kOk);
  for (int i = 0; i < 25; ++i)
    run_once(kCart, Outcome::kOk);
  EXPECT_EQ(since<CheckFlappingStarted>(flapping).size(), 1u);
  EXPECT_EQ(since<CheckFlappingStopped>(flapping).size(), 1u);
  const Told flaps = told(flapping);
  EXPECT_EQ(std::ranges::count(flaps, "chat:flapping_started"), 1) << flaps.size();
  ASSERT_FALSE(flaps.empty());
  EXPECT_EQ(flaps.back(), "chat:flapping_stopped");
}

TEST_F(NotificationPolicyDecisions, MaintenanceWindowsAreToldToThoseWhoAskAndNoOneElse) {
  NotifierSpec chat;
  chat.notify_on.add(NotifyOn::kMaintenance);
  define(chat);
  expect_accepted({DefineCheck{[] {
    CheckSpec quiet = http_check("blog", "shop");
    quiet.notifiers = {kPager};  // pager keeps the usual notify_on
    return quiet;
  }()}});
  MaintenanceSpec window;
  window.id = MaintenanceId{"upgrade"};
  window.scope.services = {ServiceId{"shop"}};
  window.start = now;
  window.duration = 1h;
  const std::size_t from = appended();
  expect_accepted({DefineMaintenance{window, "alice"}});
  expect_accepted({StartMaintenance{window.id, now, now + 1h}});
  expect_accepted({EndMaintenance{window.id, "bob"}});
  EXPECT_EQ(told(from), (Told{"chat:maintenance_started", "chat:maintenance_ended"}));
  const auto requested = since<NotificationRequested>(from);
  EXPECT_NE(requested[0]->reason.find("maintenance window 'upgrade' started"), std::string::npos)
      << requested[0]->reason;
  EXPECT_NE(requested[1]->reason.find("ended by bob"), std::string::npos) << requested[1]->reason;
}

TEST_F(NotificationPolicyDecisions, ANewNotifierOfACheckAlreadyDownIsToldAtItsNextRun) {
  define(NotifierSpec{});
  run_once(kCart, Outcome::kFail);
  CheckSpec both = *state.find_check(kCart)->spec;
  both.notifiers = {kChat, kPager};
  expect_accepted({DefineCheck{both}});
  const std::size_t from = appended();
  run_once(kCart, Outcome::kFail);
  EXPECT_EQ(told(from), Told{"pager:problem"});
}

}  // namespace
}  // namespace nyxmon::domain
