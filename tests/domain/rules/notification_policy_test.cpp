#include "domain/rules/notification_policy.hpp"

#include <gtest/gtest.h>

#include <map>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;

const NotifierId kChat{"chat"};
const NotifierId kPager{"pager"};

// One check's notifications as the decider makes them: the policy decides,
// and what it requests is folded back, as the events would be.
class Policy {
 public:
  Policy() {
    define(NotifierSpec{kChat, NotifierKind::kSlack, "http://127.0.0.1:9/chat"});
    define(NotifierSpec{kPager, NotifierKind::kWebhook, "http://127.0.0.1:9/pager"});
  }

  void define(const NotifierSpec& spec) { notifiers_[spec.id] = spec; }
  NotifierSpec& notifier(const NotifierId& id) { return notifiers_.at(id); }

  void status(Status to, Timestamp now) {
    status_ = to;
    state_.status_changed(to, now);
  }

  // When something falls due next after `now`, with no new fact.
  std::optional<Timestamp> next_due(Timestamp now) const {
    const NotificationInput input{status_, flapping, std::nullopt, remind_every, now, acknowledged};
    return next_notification_due(state_, input, route, [this](const NotifierId& id) {
      auto it = notifiers_.find(id);
      return it == notifiers_.end() ? nullptr : &it->second;
    });
  }

  // What is requested at `now`, folded in.
  std::vector<NotificationRequest> decide(Timestamp now,
                                          std::optional<FlappingChange> change = std::nullopt) {
    const NotificationInput input{status_, flapping, change, remind_every, now, acknowledged};
    auto requests = decide_notifications(state_, input, route, [this](const NotifierId& id) {
      auto it = notifiers_.find(id);
      return it == notifiers_.end() ? nullptr : &it->second;
    });
    for (const auto& request : requests)
      state_.notified(request.notifier, request.kind, status_, now);
    return requests;
  }

  std::vector<NotifierId> route{kChat};
  std::optional<Duration> remind_every;
  bool flapping = false;
  bool acknowledged = false;

 private:
  std::map<NotifierId, NotifierSpec> notifiers_;
  NotificationState state_;
  Status status_ = Status::kPending;
};

using Requests = std::vector<NotificationRequest>;

TEST(NotificationPolicy, ProblemWhenDownAndResolvedOnRecovery) {
  Policy policy;
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at()), (Requests{{kChat, NotificationKind::kProblem}}));
  EXPECT_EQ(policy.decide(at(1min)), Requests{}) << "the same problem is not told twice";
  policy.status(Status::kUp, at(5min));
  EXPECT_EQ(policy.decide(at(5min)), (Requests{{kChat, NotificationKind::kResolved}}));
  EXPECT_EQ(policy.decide(at(6min)), Requests{});
}

TEST(NotificationPolicy, UpFromPendingIsNotAResolution) {
  Policy policy;
  policy.status(Status::kUp, at());
  EXPECT_EQ(policy.decide(at()), Requests{});
}

TEST(NotificationPolicy, DegradedIsAProblemAndDownAfterItAnother) {
  Policy policy;
  policy.status(Status::kDegraded, at());
  EXPECT_EQ(policy.decide(at()), (Requests{{kChat, NotificationKind::kProblem}}));
  policy.status(Status::kDown, at(1min));
  EXPECT_EQ(policy.decide(at(1min)), (Requests{{kChat, NotificationKind::kProblem}}));
  policy.status(Status::kUp, at(2min));
  EXPECT_EQ(policy.decide(at(2min)), (Requests{{kChat, NotificationKind::kResolved}}));
}

TEST(NotificationPolicy, RemindsEveryRemindEveryWhileDownAndNotAcknowledged) {
  Policy policy;
  policy.remind_every = 30min;
  policy.status(Status::kDown, at());
  policy.decide(at());
  EXPECT_EQ(policy.decide(at(29min)), Requests{});
  EXPECT_EQ(policy.decide(at(30min)), (Requests{{kChat, NotificationKind::kReminder}}));
  EXPECT_EQ(policy.decide(at(45min)), Requests{});
  policy.acknowledged = true;
  EXPECT_EQ(policy.decide(at(60min)), Requests{});
}

TEST(NotificationPolicy, TheChecksRemindEveryWinsOverTheNotifiers) {
  Policy policy;
  policy.notifier(kChat).remind_every = 10min;
  policy.status(Status::kDown, at());
  policy.decide(at());
  EXPECT_EQ(policy.decide(at(10min)), (Requests{{kChat, NotificationKind::kReminder}}));
  policy.remind_every = 1h;
  EXPECT_EQ(policy.decide(at(30min)), Requests{});
  EXPECT_EQ(policy.decide(at(70min)), (Requests{{kChat, NotificationKind::kReminder}}));
}

TEST(NotificationPolicy, NothingWhileFlappingButItsStartAndHeldOnesComeWhenItStops) {
  Policy policy;
  policy.notifier(kChat).notify_on.add(NotifyOn::kFlappingStarted);
  policy.flapping = true;
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at(), FlappingChange::kStarted),
            (Requests{{kChat, NotificationKind::kFlappingStarted}}));
  EXPECT_EQ(policy.decide(at(1min)), Requests{});
  policy.flapping = false;
  EXPECT_EQ(policy.decide(at(10min), FlappingChange::kStopped),
            (Requests{{kChat, NotificationKind::kProblem}}))
      << "flapping_stopped is not in chat's notify_on; the held problem is";
}

TEST(NotificationPolicy, NotifyOnLeavesOutWhatItDoesNotName) {
  Policy policy;
  policy.route = {kChat, kPager};
  policy.notifier(kPager).notify_on = NotifyOnSet::none();
  policy.notifier(kPager).notify_on.add(NotifyOn::kDown);
  policy.status(Status::kDegraded, at());
  EXPECT_EQ(policy.decide(at()), (Requests{{kChat, NotificationKind::kProblem}}));
  policy.status(Status::kDown, at(1min));
  EXPECT_EQ(policy.decide(at(1min)),
            (Requests{{kChat, NotificationKind::kProblem}, {kPager, NotificationKind::kProblem}}));
  policy.status(Status::kUp, at(2min));
  EXPECT_EQ(policy.decide(at(2min)), (Requests{{kChat, NotificationKind::kResolved}}))
      << "recovered is not in pager's notify_on";
  policy.status(Status::kDown, at(3min));
  EXPECT_EQ(policy.decide(at(3min)),
            (Requests{{kChat, NotificationKind::kProblem}, {kPager, NotificationKind::kProblem}}))
      << "a new problem is told again, though pager never heard of the last one's end";
}

TEST(NotificationPolicy, NotifyAfterLetsAProblemThatClearsQuicklyPassUntold) {
  Policy policy;
  policy.notifier(kChat).notify_after = 2min;
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at()), Requests{});
  EXPECT_EQ(policy.decide(at(1min)), Requests{});
  policy.status(Status::kUp, at(90s));
  EXPECT_EQ(policy.decide(at(90s)), Requests{}) << "nobody was told, so no resolution";

  policy.status(Status::kDown, at(10min));
  EXPECT_EQ(policy.decide(at(11min)), Requests{});
  policy.status(Status::kDegraded, at(11min + 30s));
  EXPECT_EQ(policy.decide(at(12min)), (Requests{{kChat, NotificationKind::kProblem}}))
      << "the delay counts from when the problem began, not from its latest status";
}

TEST(NotificationPolicy, AnUnacknowledgedProblemEscalatesAfterItsTime) {
  Policy policy;
  policy.notifier(kChat).escalate_to = kPager;
  policy.notifier(kChat).escalate_after = 15min;
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at()), (Requests{{kChat, NotificationKind::kProblem}}));
  EXPECT_EQ(policy.decide(at(14min)), Requests{});
  EXPECT_EQ(policy.decide(at(15min)), (Requests{{kPager, NotificationKind::kEscalation}}));
  EXPECT_EQ(policy.decide(at(16min)), Requests{});
  policy.status(Status::kUp, at(20min));
  EXPECT_EQ(policy.decide(at(20min)), (Requests{{kChat, NotificationKind::kResolved},
                                                {kPager, NotificationKind::kResolved}}));
}

TEST(NotificationPolicy, AnAcknowledgedProblemDoesNotEscalate) {
  Policy policy;
  policy.notifier(kChat).escalate_to = kPager;
  policy.notifier(kChat).escalate_after = 15min;
  policy.status(Status::kDown, at());
  policy.decide(at());
  policy.acknowledged = true;
  EXPECT_EQ(policy.decide(at(20min)), Requests{});
  policy.status(Status::kUp, at(30min));
  EXPECT_EQ(policy.decide(at(30min)), (Requests{{kChat, NotificationKind::kResolved}}));
}

TEST(NotificationPolicy, EscalationsChainAndNeverLoop) {
  Policy policy;
  NotifierSpec manager{NotifierId{"manager"}, NotifierKind::kWebhook, "http://127.0.0.1:9/m"};
  manager.escalate_to = kChat;  // back to the start: told once all the same
  manager.escalate_after = 1h;
  policy.define(manager);
  policy.notifier(kChat).escalate_to = kPager;
  policy.notifier(kChat).escalate_after = 15min;
  policy.notifier(kPager).escalate_to = manager.id;
  policy.notifier(kPager).escalate_after = 30min;
  policy.status(Status::kDown, at());
  policy.decide(at());
  EXPECT_EQ(policy.decide(at(15min)), (Requests{{kPager, NotificationKind::kEscalation}}));
  EXPECT_EQ(policy.decide(at(30min)), (Requests{{manager.id, NotificationKind::kEscalation}}));
  EXPECT_EQ(policy.decide(at(2h)), Requests{});
}

TEST(NotificationPolicy, PausedDecidesNothing) {
  Policy policy;
  policy.status(Status::kDown, at());
  policy.decide(at());
  policy.status(Status::kPaused, at(1min));
  EXPECT_EQ(policy.decide(at(1min)), Requests{});
  policy.status(Status::kPending, at(2min));
  policy.status(Status::kUp, at(3min));
  EXPECT_EQ(policy.decide(at(3min)), (Requests{{kChat, NotificationKind::kResolved}}))
      << "those told of the problem before the pause hear of its end";
}

TEST(NotificationPolicy, AProblemLastsThroughMaintenanceAndIsNotToldAgainAfter) {
  Policy policy;
  policy.status(Status::kDown, at());
  policy.decide(at());
  policy.status(Status::kMaintenance, at(1min));
  EXPECT_EQ(policy.decide(at(1min)), Requests{});
  policy.status(Status::kDown, at(1h));
  EXPECT_EQ(policy.decide(at(1h)), Requests{});
}

TEST(NotificationPolicy, SaysWhenTheNextDelayEscalationOrReminderFallsDue) {
  Policy policy;
  policy.route = {kChat};
  policy.notifier(kChat).notify_after = 2min;
  policy.notifier(kChat).escalate_to = kPager;
  policy.notifier(kChat).escalate_after = 5min;
  policy.notifier(kPager).remind_every = 30min;
  EXPECT_EQ(policy.next_due(at()), std::nullopt) << "no problem, nothing waits on time";
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at()), Requests{});
  EXPECT_EQ(policy.next_due(at()), at(2min));
  EXPECT_EQ(policy.decide(at(2min)), (Requests{{kChat, NotificationKind::kProblem}}));
  EXPECT_EQ(policy.next_due(at(2min)), at(5min));
  EXPECT_EQ(policy.decide(at(5min)), (Requests{{kPager, NotificationKind::kEscalation}}));
  EXPECT_EQ(policy.next_due(at(5min)), at(35min)) << "the pager's reminder";
  policy.acknowledged = true;
  EXPECT_EQ(policy.next_due(at(5min)), std::nullopt);
  policy.acknowledged = false;
  policy.flapping = true;
  EXPECT_EQ(policy.next_due(at(5min)), std::nullopt) << "flapping holds everything";
}

TEST(NotificationPolicy, NotifiersNotDefinedAreSkipped) {
  Policy policy;
  policy.route = {NotifierId{"gone"}, kChat};
  policy.status(Status::kDown, at());
  EXPECT_EQ(policy.decide(at()), (Requests{{kChat, NotificationKind::kProblem}}));
}

}  // namespace
}  // namespace nyxmon::domain
