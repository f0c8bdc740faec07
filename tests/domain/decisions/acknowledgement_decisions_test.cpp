// Acknowledgements as the decider makes and ends them: no reminders while
// one lasts; a normal one ends with the status it was made for, a sticky one
// when the check is no longer failing, either at its expiry.
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

const CheckId kApi{"api"};

class AcknowledgementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CheckSpec check = http_check("api");
    check.failure_threshold = 1;
    check.recovery_threshold = 1;
    check.reminder_interval = 2min;
    check.notifiers = {NotifierId{"ops"}};
    NotifierSpec ops{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/hook"};
    expect_accepted({DefineService{service_spec("web")}, DefineNotifier{ops}, DefineCheck{check}},
                    at());
  }

  BatchResult expect_accepted(std::vector<Command> commands, Timestamp now) {
    BatchResult batch = bus.dispatch(commands, now);
    for (const auto& outcome : batch.outcomes)
      EXPECT_TRUE(outcome.accepted()) << outcome.why();
    return batch;
  }

  // One run at its due time with `outcome`: the names of what it appended.
  std::vector<std::string> run_once(Outcome outcome) {
    const Timestamp due = state.find_check(kApi)->next.due_at;
    now = due;
    auto scheduled = expect_accepted({RunCheck{kApi, due}}, due);
    const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
    const std::size_t before = log.envelopes().size();
    expect_accepted({RecordResult{kApi, run, result(outcome, due, "refused")}}, due);
    return log.names(before);
  }

  std::size_t reminders(std::size_t from) const {
    std::size_t count = 0;
    for (std::size_t i = from; i < log.envelopes().size(); ++i) {
      const auto* requested = std::get_if<NotificationRequested>(&log.envelopes()[i].event);
      if (requested && requested->kind == NotificationKind::kReminder) ++count;
    }
    return count;
  }

  const CheckAcknowledgementCleared* last_clearing() const {
    for (auto it = log.envelopes().rbegin(); it != log.envelopes().rend(); ++it) {
      if (const auto* cleared = std::get_if<CheckAcknowledgementCleared>(&it->event))
        return cleared;
    }
    return nullptr;
  }

  MemoryEventLog log;
  projections::Projections state;
  MessageBus bus{log, state};
  Timestamp now = at();
};

TEST_F(AcknowledgementTest, AnAcknowledgedProblemGetsNoRemindersAndEndsWithItsStatus) {
  run_once(Outcome::kFail);
  ASSERT_EQ(state.find_check(kApi)->state.status, Status::kDown);
  const std::size_t before = log.envelopes().size();
  for (int i = 0; i < 3; ++i)
    run_once(Outcome::kFail);
  EXPECT_GE(reminders(before), 1u) << "without an acknowledgement, reminders go out";

  expect_accepted({AcknowledgeCheck{kApi, "alice", "db failover, on it", false, std::nullopt}},
                  now);
  const auto& ack = state.find_check(kApi)->acknowledgement;
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->by, "alice");
  EXPECT_EQ(ack->status, Status::kDown);
  const std::size_t acknowledged = log.envelopes().size();
  for (int i = 0; i < 5; ++i)
    run_once(Outcome::kFail);
  EXPECT_EQ(reminders(acknowledged), 0u);

  const auto recovered = run_once(Outcome::kOk);
  EXPECT_NE(std::find(recovered.begin(), recovered.end(), "CheckAcknowledgementCleared"),
            recovered.end());
  EXPECT_FALSE(state.find_check(kApi)->acknowledgement);
  ASSERT_NE(last_clearing(), nullptr);
  EXPECT_EQ(last_clearing()->why, "the status changed (down → up)");
  EXPECT_EQ(last_clearing()->by, "") << "the rules ended it, not a person";
}

TEST_F(AcknowledgementTest, AStickyOneOutlivesDownToDegradedAndEndsWhenTheCheckIsUp) {
  run_once(Outcome::kFail);
  expect_accepted({AcknowledgeCheck{kApi, "bob", "", true, std::nullopt}}, now);
  run_once(Outcome::kWarn);
  ASSERT_EQ(state.find_check(kApi)->state.status, Status::kDegraded);
  EXPECT_TRUE(state.find_check(kApi)->acknowledgement) << "degraded is still a problem";
  run_once(Outcome::kOk);
  EXPECT_FALSE(state.find_check(kApi)->acknowledgement);
  ASSERT_NE(last_clearing(), nullptr);
  EXPECT_EQ(last_clearing()->why, "the check is up now");
}

TEST_F(AcknowledgementTest, AnExpiredOneEndsAndRemindersResume) {
  run_once(Outcome::kFail);
  expect_accepted({AcknowledgeCheck{kApi, "carol", "", false, 150s}}, now);
  const std::size_t acknowledged = log.envelopes().size();
  run_once(Outcome::kFail);  // +60 s: still acknowledged
  run_once(Outcome::kFail);  // +120 s
  EXPECT_EQ(reminders(acknowledged), 0u);
  const auto expired = run_once(Outcome::kFail);  // +180 s: past its expiry
  ASSERT_NE(last_clearing(), nullptr);
  EXPECT_EQ(last_clearing()->why, "it expired");
  EXPECT_EQ(reminders(acknowledged), 1u) << "the reminder held back goes out";
}

TEST_F(AcknowledgementTest, OnlyAProblemCanBeAcknowledgedAndOnlyAnAcknowledgementCleared) {
  auto pending = bus.dispatch(
      std::vector<Command>{AcknowledgeCheck{kApi, "dave", "", false, std::nullopt}}, now);
  ASSERT_TRUE(pending.outcomes[0].rejection);
  EXPECT_EQ(pending.outcomes[0].rejection->code, ErrorCode::kConflict);
  EXPECT_EQ(pending.outcomes[0].why(),
            "check 'api' is pending: there is no problem to acknowledge");

  auto nothing = bus.dispatch(std::vector<Command>{ClearAcknowledgement{kApi, "dave"}}, now);
  ASSERT_TRUE(nothing.outcomes[0].rejection);
  EXPECT_EQ(nothing.outcomes[0].rejection->code, ErrorCode::kConflict);

  run_once(Outcome::kFail);
  auto past = bus.dispatch(
      std::vector<Command>{AcknowledgeCheck{kApi, "dave", "", false, Duration(-1s)}}, now);
  ASSERT_TRUE(past.outcomes[0].rejection);
  EXPECT_EQ(past.outcomes[0].rejection->code, ErrorCode::kInvalidArgument);

  expect_accepted({AcknowledgeCheck{kApi, "dave", "", false, std::nullopt}}, now);
  expect_accepted({ClearAcknowledgement{kApi, "erin"}}, now);
  ASSERT_NE(last_clearing(), nullptr);
  EXPECT_EQ(last_clearing()->why, "cleared by erin");
  EXPECT_FALSE(state.find_check(kApi)->acknowledgement);
}

TEST_F(AcknowledgementTest, PausingEndsEvenAStickyOne) {
  run_once(Outcome::kFail);
  expect_accepted({AcknowledgeCheck{kApi, "frank", "", true, std::nullopt}}, now);
  expect_accepted({PauseCheck{kApi, "deploy"}}, now);
  EXPECT_FALSE(state.find_check(kApi)->acknowledgement);
  ASSERT_NE(last_clearing(), nullptr);
  EXPECT_EQ(last_clearing()->why, "the check is paused now");
}

}  // namespace
}  // namespace nyxmon::domain
