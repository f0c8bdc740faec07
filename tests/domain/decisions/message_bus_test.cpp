#include "domain/bus/message_bus.hpp"

#include <gtest/gtest.h>

#include "domain/model/bounded_text.hpp"
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

class MessageBusTest : public ::testing::Test {
 protected:
  MemoryEventLog log;
  projections::Projections state;
  MessageBus bus{log, state};

  BatchResult run(std::vector<Command> commands, Timestamp now = at()) {
    return bus.dispatch(commands, now);
  }

  void define_basics(CheckSpec check = http_check("api")) {
    NotifierSpec ops{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/hook"};
    check.notifiers = {NotifierId{"ops"}};
    auto batch = run({DefineService{service_spec("web")}, DefineNotifier{ops}, DefineCheck{check}});
    for (const auto& outcome : batch.outcomes)
      ASSERT_TRUE(outcome.accepted()) << outcome.why();
  }

  // Runs the check once at its due time with `outcome`; returns the events of the result.
  std::vector<std::string> run_once(const CheckId& id, Outcome outcome) {
    const CheckRecord* record = state.find_check(id);
    const Timestamp due = record->next.due_at;
    auto scheduled = run({RunCheck{id, due}}, due);
    EXPECT_TRUE(scheduled.outcomes[0].accepted()) << scheduled.outcomes[0].why();
    const RunId run_id = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
    const std::size_t before = log.envelopes().size();
    auto recorded = run({RecordResult{id, run_id, result(outcome, due, "refused")}}, due);
    EXPECT_TRUE(recorded.outcomes[0].accepted()) << recorded.outcomes[0].why();
    return log.names(before);
  }
};

TEST_F(MessageBusTest, DefinitionsBecomeEventsAndTheCheckIsScheduled) {
  define_basics();
  EXPECT_EQ(log.names(),
            (std::vector<std::string>{"ServiceDefined", "NotifierDefined", "CheckDefined"}));
  const CheckRecord* record = state.find_check(CheckId{"api"});
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->state.status, Status::kPending);
  ASSERT_TRUE(state.schedule().next());
  EXPECT_EQ(state.schedule().next()->check, CheckId{"api"});
  EXPECT_EQ(state.schedule().next()->due_at, first_due("api", 60s, at()));
}

TEST_F(MessageBusTest, UnchangedDefinitionsAppendNothing) {
  define_basics();
  const std::size_t before = log.envelopes().size();
  CheckSpec same = http_check("api");
  same.notifiers = {NotifierId{"ops"}};
  auto batch = run({DefineService{service_spec("web")}, DefineCheck{same}});
  EXPECT_TRUE(batch.appended.empty());
  EXPECT_EQ(log.envelopes().size(), before);
}

TEST_F(MessageBusTest, CommandsOfOneBatchSeeEachOther) {
  auto batch = run({DefineService{service_spec("web")}, DefineCheck{http_check("api")},
                    PauseCheck{CheckId{"api"}, "maintenance"}});
  for (const auto& outcome : batch.outcomes)
    EXPECT_TRUE(outcome.accepted()) << outcome.why();
  EXPECT_EQ(state.find_check(CheckId{"api"})->state.status, Status::kPaused);
  EXPECT_FALSE(state.schedule().next()) << "a paused check is not scheduled";
}

TEST_F(MessageBusTest, RejectionsSayWhyAndAppendNothing) {
  auto batch = run({DefineCheck{http_check("api")}, RunCheckNow{CheckId{"ghost"}},
                    PauseCheck{CheckId{"ghost"}}});
  EXPECT_EQ(batch.outcomes[0].why(), "check 'api': service 'web' is not defined");
  EXPECT_EQ(batch.outcomes[1].why(), "check 'ghost' is not defined");
  EXPECT_EQ(batch.outcomes[2].why(), "check 'ghost' is not defined");
  for (const auto& outcome : batch.outcomes) {
    ASSERT_TRUE(outcome.rejection);
    EXPECT_EQ(outcome.rejection->code, ErrorCode::kNotFound) << outcome.why();
  }
  EXPECT_EQ(batch.outcomes[0].rejection->where, "web");
  EXPECT_EQ(batch.outcomes[1].rejection->where, "ghost");
  EXPECT_TRUE(log.envelopes().empty());
}

TEST_F(MessageBusTest, AnInvalidSpecIsRejectedWithEveryProblem) {
  run({DefineService{service_spec("web")}});
  CheckSpec bad = http_check("api", "web", "gopher://x");
  bad.failure_threshold = 0;
  auto batch = run({DefineCheck{bad}});
  EXPECT_NE(batch.outcomes[0].why().find("check.http.url"), std::string::npos);
  EXPECT_NE(batch.outcomes[0].why().find("check.failure_threshold"), std::string::npos);
  EXPECT_EQ(batch.outcomes[0].rejection->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(batch.outcomes[0].rejection->where, "check.failure_threshold")
      << "the first problem's field path";
}

TEST_F(MessageBusTest, ThreeFailuresTakeTheCheckAndItsServiceDownAndNotifyOnce) {
  define_basics();
  EXPECT_EQ(run_once(CheckId{"api"}, Outcome::kOk),
            (std::vector<std::string>{"CheckResultRecorded", "CheckStatusChanged",
                                      "ServiceStatusChanged"}));
  EXPECT_EQ(run_once(CheckId{"api"}, Outcome::kFail),
            std::vector<std::string>{"CheckResultRecorded"});
  EXPECT_EQ(state.find_check(CheckId{"api"})->next.reason, RunReason::kRetry);
  EXPECT_EQ(run_once(CheckId{"api"}, Outcome::kFail),
            std::vector<std::string>{"CheckResultRecorded"});
  EXPECT_EQ(run_once(CheckId{"api"}, Outcome::kFail),
            (std::vector<std::string>{"CheckResultRecorded", "CheckStatusChanged",
                                      "ServiceStatusChanged", "NotificationRequested"}));
  const auto& changed =
      std::get<CheckStatusChanged>(log.envelopes()[log.envelopes().size() - 3].event);
  EXPECT_EQ(changed.rule, "3rd consecutive fail ≥ failure_threshold 3 → down");
  EXPECT_EQ(changed.reason, "refused");
  const auto& notification = std::get<NotificationRequested>(log.envelopes().back().event);
  EXPECT_EQ(notification.kind, NotificationKind::kProblem);
  EXPECT_EQ(notification.notifier, NotifierId{"ops"});
  EXPECT_EQ(state.find_service(ServiceId{"web"})->status, Status::kDown);
  EXPECT_EQ(run_once(CheckId{"api"}, Outcome::kFail),
            std::vector<std::string>{"CheckResultRecorded"})
      << "still down: nothing new to decide or notify";
}

TEST_F(MessageBusTest, AStaleOrDuplicateResultIsRejected) {
  define_basics();
  const Timestamp due = state.find_check(CheckId{"api"})->next.due_at;
  run({RunCheck{CheckId{"api"}, due}}, due);
  auto first = run({RecordResult{CheckId{"api"}, 1, result(Outcome::kOk, due)}}, due);
  EXPECT_TRUE(first.outcomes[0].accepted());
  auto again = run({RecordResult{CheckId{"api"}, 1, result(Outcome::kOk, due)}}, due);
  EXPECT_NE(again.outcomes[0].why().find("stale"), std::string::npos);
  auto not_due = run({RunCheck{CheckId{"api"}, due}}, due);
  EXPECT_NE(not_due.outcomes[0].why().find("not due"), std::string::npos);
  EXPECT_EQ(again.outcomes[0].rejection->code, ErrorCode::kConflict);
  EXPECT_EQ(not_due.outcomes[0].rejection->code, ErrorCode::kConflict);
}

TEST_F(MessageBusTest, AResultIsRecordedWithWhatTheTargetWroteBounded) {
  define_basics();
  const Timestamp due = state.find_check(CheckId{"api"})->next.due_at;
  run({RunCheck{CheckId{"api"}, due}}, due);
  ProbeResult huge = result(Outcome::kFail, due, "JSON state is \"" + std::string(900'000, 'A'));
  huge.answers.assign(100, std::string(5'000, 'a'));
  const std::size_t before = log.envelopes().size();
  auto recorded = run({RecordResult{CheckId{"api"}, 1, huge}}, due);
  ASSERT_TRUE(recorded.outcomes[0].accepted()) << recorded.outcomes[0].why();
  const auto& event = std::get<CheckResultRecorded>(log.envelopes().at(before).event);
  EXPECT_LE(event.result.reason.size(), kMaxReasonBytes);
  EXPECT_TRUE(event.result.reason.starts_with("JSON state is \"AAA"));
  EXPECT_EQ(event.result.answers.size(), kMaxAnswers);
}

TEST_F(MessageBusTest, AFailedAppendAppliesNothing) {
  define_basics();
  const std::uint64_t checkpoint = state.checkpoint();
  log.fail_next = true;
  auto batch = run({PauseCheck{CheckId{"api"}, ""}});
  ASSERT_TRUE(batch.storage_error);
  EXPECT_NE(batch.outcomes[0].why().find("disk full"), std::string::npos);
  EXPECT_TRUE(batch.outcomes[0].not_recorded);
  EXPECT_EQ(batch.outcomes[0].rejection->code, ErrorCode::kUnavailable)
      << "not recorded now, whatever the store's failure";
  EXPECT_EQ(state.checkpoint(), checkpoint);
  EXPECT_EQ(state.find_check(CheckId{"api"})->state.status, Status::kPending);
}

TEST_F(MessageBusTest, HeartbeatPingsRecordResultsAndSilenceFailsAtTheDeadline) {
  run({DefineService{service_spec("jobs")}, DefineCheck{testing::heartbeat_check("backup")}});
  const CheckId backup{"backup"};
  EXPECT_EQ(state.find_check(backup)->next.due_at, at(6min));
  run({RecordHeartbeat{backup, HeartbeatSignal::kSuccess, std::nullopt, "cli"}}, at(2min));
  EXPECT_EQ(state.find_check(backup)->state.status, Status::kUp);
  EXPECT_EQ(state.find_check(backup)->next.due_at, at(8min));
  auto deadline = run({RunCheck{backup, at(8min)}}, at(8min));
  ASSERT_TRUE(deadline.outcomes[0].accepted()) << deadline.outcomes[0].why();
  EXPECT_EQ(state.find_check(backup)->state.status, Status::kDown);
  EXPECT_EQ(state.find_check(backup)->status_reason, "no ping for 6m (period 5m + grace 1m)");
  run({RecordHeartbeat{backup, HeartbeatSignal::kSuccess, 0, "cli"}}, at(9min));
  EXPECT_EQ(state.find_check(backup)->state.status, Status::kUp);
}

TEST_F(MessageBusTest, AStartClosesRunsLeftInFlightWithoutCountingThem) {
  define_basics();
  const CheckRecord* record = state.find_check(CheckId{"api"});
  const Timestamp due = record->next.due_at;
  run({RunCheck{CheckId{"api"}, due}}, due);  // the engine dies with this run under way
  const std::size_t before = log.envelopes().size();
  run({StartEngine{"test", "hash"}}, due + 1min);
  EXPECT_EQ(log.names(before), (std::vector<std::string>{"CheckRunAbandoned", "EngineStarted"}));
  const auto& abandoned = std::get<CheckRunAbandoned>(log.envelopes().at(before).event);
  EXPECT_EQ(abandoned.run, 1u);
  record = state.find_check(CheckId{"api"});
  EXPECT_FALSE(record->run_in_flight);
  EXPECT_EQ(record->state.status, Status::kPending) << "no result, no state change";
  EXPECT_EQ(record->state.consecutive_failures, 0);
  EXPECT_EQ(record->next.due_at, due + 1min) << "the missed run happens at once";
}

TEST_F(MessageBusTest, AStopClosesRunsUnderWayWithItsReason) {
  define_basics();
  const Timestamp due = state.find_check(CheckId{"api"})->next.due_at;
  run({RunCheck{CheckId{"api"}, due}}, due);
  const std::size_t before = log.envelopes().size();
  run({StopEngine{"SIGTERM"}}, due + 1s);
  EXPECT_EQ(log.names(before), (std::vector<std::string>{"CheckRunAbandoned", "EngineStopped"}));
  EXPECT_NE(std::get<CheckRunAbandoned>(log.envelopes().at(before).event).reason.find("(SIGTERM)"),
            std::string::npos);
  // The next start has nothing left to close.
  const std::size_t stopped = log.envelopes().size();
  run({StartEngine{"test", "hash"}}, due + 1min);
  EXPECT_EQ(log.names(stopped), (std::vector<std::string>{"EngineStarted"}));
}

}  // namespace
}  // namespace nyxmon::domain
