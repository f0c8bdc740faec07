// Silences as the decider applies them: a matching notification is held
// (recorded as NotificationSilenced, not requested) while statuses go on;
// what it held counts as told, and reminders resume once it is over.
#include <gtest/gtest.h>

#include "domain/bus/message_bus.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::http_check;
using testing::MemoryEventLog;
using testing::result;
using testing::service_spec;

const CheckId kCart{"cart"};
const CheckId kBlog{"blog"};

class SilenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Command> define{
        DefineService{service_spec("shop")}, DefineService{service_spec("www")},
        DefineNotifier{
            NotifierSpec{NotifierId{"pager"}, NotifierKind::kWebhook, "http://127.0.0.1:9/pager"}},
        DefineNotifier{
            NotifierSpec{NotifierId{"chat"}, NotifierKind::kSlack, "http://127.0.0.1:9/chat"}}};
    for (const auto& [id, service] : {std::pair{"cart", "shop"}, std::pair{"blog", "www"}}) {
      CheckSpec check = http_check(id, service);
      check.failure_threshold = 1;
      check.reminder_interval = 5min;
      check.notifiers = {NotifierId{"pager"}, NotifierId{"chat"}};
      define.push_back(DefineCheck{check});
    }
    expect_accepted(define);
  }

  BatchResult expect_accepted(std::vector<Command> commands) {
    BatchResult batch = bus.dispatch(commands, now);
    for (const auto& outcome : batch.outcomes)
      EXPECT_TRUE(outcome.accepted()) << outcome.why();
    return batch;
  }

  void run_once(const CheckId& check, Outcome outcome) {
    const Timestamp due = state.find_check(check)->next.due_at;
    now = std::max(now, due);
    auto scheduled = expect_accepted({RunCheck{check, due}});
    const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
    expect_accepted({RecordResult{check, run, result(outcome, now, "refused")}});
  }

  template <class T>
  std::vector<const T*> since(std::size_t from) const {
    std::vector<const T*> out;
    for (std::size_t i = from; i < log.envelopes().size(); ++i) {
      if (const auto* typed = std::get_if<T>(&log.envelopes()[i].event)) out.push_back(typed);
    }
    return out;
  }

  MemoryEventLog log;
  projections::Projections state;
  MessageBus bus{log, state};
  Timestamp now = at();
};

TEST_F(SilenceTest, AMatchingPageIsHeldAndTheStatusGoesOn) {
  SilenceSpec silence{SilenceId{"migration"},
                      {{"service", "shop"}, {"notifier", "pager"}},
                      now,
                      now + 1h,
                      "db migration"};
  expect_accepted({DefineSilence{silence, "alice"}});
  const std::size_t before = log.envelopes().size();
  run_once(kCart, Outcome::kFail);
  run_once(kBlog, Outcome::kFail);
  EXPECT_EQ(state.find_check(kCart)->state.status, Status::kDown) << "statuses are untouched";

  const auto held = since<NotificationSilenced>(before);
  ASSERT_EQ(held.size(), 1u) << "only cart's page to the pager matches";
  EXPECT_EQ(held[0]->check, kCart);
  EXPECT_EQ(held[0]->notifier, NotifierId{"pager"});
  EXPECT_EQ(held[0]->silence, SilenceId{"migration"});
  // cart to chat, blog to both: three requested.
  EXPECT_EQ(since<NotificationRequested>(before).size(), 3u);
}

TEST_F(SilenceTest, WhatASilenceHeldIsToldAndRemindersResumeWhenItIsOver) {
  SilenceSpec silence{SilenceId{"all-cart"}, {{"check", "cart"}}, now, now + 12min, ""};
  expect_accepted({DefineSilence{silence, "alice"}});
  const std::size_t before = log.envelopes().size();
  for (int i = 0; i < 12; ++i)
    run_once(kCart, Outcome::kFail);  // one a minute
  EXPECT_TRUE(since<NotificationRequested>(before).empty());
  EXPECT_FALSE(since<NotificationSilenced>(before).empty());
  const std::size_t over = log.envelopes().size();
  for (int i = 0; i < 6; ++i)
    run_once(kCart, Outcome::kFail);
  const auto after = since<NotificationRequested>(over);
  ASSERT_FALSE(after.empty()) << "the silence is over: reminders go out again";
  for (const auto* requested : after)
    EXPECT_EQ(requested->kind, NotificationKind::kReminder) << "the problem counts as told";
}

TEST_F(SilenceTest, EndingOneEarlyIsRecordedAndRefusedTwice) {
  SilenceSpec silence{SilenceId{"s1"}, {{"kind", "http"}}, now, now + 1h, ""};
  expect_accepted({DefineSilence{silence, "alice"}});
  expect_accepted({EndSilence{SilenceId{"s1"}, "bob"}});
  EXPECT_TRUE(state.find_silence(SilenceId{"s1"})->ended_at);
  const std::size_t before = log.envelopes().size();
  run_once(kCart, Outcome::kFail);
  EXPECT_TRUE(since<NotificationSilenced>(before).empty());
  const auto twice = bus.dispatch(std::vector<Command>{EndSilence{SilenceId{"s1"}, "bob"}}, now);
  EXPECT_FALSE(twice.outcomes.at(0).accepted());
  SilenceSpec bad{SilenceId{"s2"}, {{"colour", "red"}}, now, now + 1h, ""};
  const auto refused = bus.dispatch(std::vector<Command>{DefineSilence{bad, "alice"}}, now);
  ASSERT_FALSE(refused.outcomes.at(0).accepted());
  EXPECT_NE(refused.outcomes.at(0).why().find("'colour' is not check, service, kind or notifier"),
            std::string::npos);
}

}  // namespace
}  // namespace nyxmon::domain
