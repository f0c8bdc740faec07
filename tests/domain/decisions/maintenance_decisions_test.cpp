// Maintenance windows as the decider applies them: a status that goes bad
// under an open window becomes maintenance and pages nobody; when the window
// ends on a check still failing, the normal rules resume and notify once.
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
const CheckId kDb{"db"};
const MaintenanceId kUpgrade{"upgrade"};

class MaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NotifierSpec ops{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/hook"};
    std::vector<Command> define{DefineService{service_spec("web")},
                                DefineService{service_spec("data")}, DefineNotifier{ops}};
    for (const auto& [id, service] : {std::pair{"api", "web"}, std::pair{"db", "data"}}) {
      CheckSpec check = http_check(id);
      check.service = ServiceId{service};
      check.failure_threshold = 2;
      check.recovery_threshold = 1;
      check.reminder_interval = 2min;
      check.notifiers = {NotifierId{"ops"}};
      define.push_back(DefineCheck{check});
    }
    expect_accepted(define, now);
  }

  BatchResult attempt(std::vector<Command> commands, Timestamp when) {
    return bus.dispatch(commands, when);
  }

  BatchResult expect_accepted(std::vector<Command> commands, Timestamp when) {
    BatchResult batch = bus.dispatch(commands, when);
    for (const auto& outcome : batch.outcomes)
      EXPECT_TRUE(outcome.accepted()) << outcome.why();
    return batch;
  }

  // One run of `check` at its due time with `outcome`.
  void run_once(const CheckId& check, Outcome outcome) {
    const Timestamp due = state.find_check(check)->next.due_at;
    now = std::max(now, due);
    auto scheduled = expect_accepted({RunCheck{check, due}}, now);
    const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
    expect_accepted({RecordResult{check, run, result(outcome, now, "connection refused")}}, now);
  }

  void open_window(MaintenanceScope scope, Duration length = 1h) {
    MaintenanceSpec spec;
    spec.id = kUpgrade;
    spec.scope = std::move(scope);
    spec.start = now;
    spec.duration = length;
    expect_accepted({DefineMaintenance{spec, "alice"}}, now);
    expect_accepted({StartMaintenance{kUpgrade, now, now + length}}, now);
  }

  std::vector<const NotificationRequested*> notifications(std::size_t from = 0) const {
    std::vector<const NotificationRequested*> out;
    for (std::size_t i = from; i < log.envelopes().size(); ++i) {
      if (const auto* requested = std::get_if<NotificationRequested>(&log.envelopes()[i].event))
        out.push_back(requested);
    }
    return out;
  }

  Status status(const CheckId& check) const { return state.find_check(check)->state.status; }

  MemoryEventLog log;
  projections::Projections state;
  MessageBus bus{log, state};
  Timestamp now = at();
};

TEST_F(MaintenanceTest, AnOutageInsideAWindowIsMaintenanceAndPagesNobody) {
  run_once(kApi, Outcome::kOk);
  open_window(MaintenanceScope{false, {}, {ServiceId{"web"}}});
  const std::size_t opened = log.envelopes().size();
  for (int i = 0; i < 6; ++i)
    run_once(kApi, Outcome::kFail);
  EXPECT_EQ(status(kApi), Status::kMaintenance);
  EXPECT_EQ(state.find_service(ServiceId{"web"})->status, Status::kMaintenance);
  EXPECT_TRUE(notifications(opened).empty()) << "no page, no reminder inside the window";

  // A check the window does not cover goes down and pages as always.
  run_once(kDb, Outcome::kFail);
  run_once(kDb, Outcome::kFail);
  EXPECT_EQ(status(kDb), Status::kDown);
  EXPECT_EQ(notifications(opened).size(), 1u);
}

TEST_F(MaintenanceTest, AWindowEndingOnAFailingCheckHandsItBackToTheRulesWithOnePage) {
  run_once(kApi, Outcome::kOk);
  open_window(MaintenanceScope{false, {kApi}, {}});
  run_once(kApi, Outcome::kFail);
  run_once(kApi, Outcome::kFail);
  ASSERT_EQ(status(kApi), Status::kMaintenance);
  const std::size_t before_end = log.envelopes().size();
  expect_accepted({EndMaintenance{kUpgrade, ""}}, now);
  EXPECT_EQ(status(kApi), Status::kDown);
  const auto pages = notifications(before_end);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0]->kind, NotificationKind::kProblem);
  EXPECT_EQ(pages[0]->status, Status::kDown);
  const auto& ended = std::get<MaintenanceEnded>(log.envelopes()[before_end].event);
  EXPECT_EQ(ended.why, "its time was up");
  const auto& changed = std::get<CheckStatusChanged>(log.envelopes()[before_end + 1].event);
  EXPECT_EQ(changed.rule, "maintenance window 'upgrade' ended; still failing → down");

  // The rules hold from here: no second page for the same outage.
  const std::size_t after_end = log.envelopes().size();
  run_once(kApi, Outcome::kFail);
  EXPECT_EQ(notifications(after_end).size(), 0u);
}

TEST_F(MaintenanceTest, AProblemAlreadyToldIsHeldAndOnlyRemindedOfWhenTheWindowEnds) {
  run_once(kApi, Outcome::kFail);
  run_once(kApi, Outcome::kFail);
  ASSERT_EQ(status(kApi), Status::kDown);
  ASSERT_EQ(notifications().size(), 1u);
  open_window(MaintenanceScope{true, {}, {}});
  EXPECT_EQ(status(kApi), Status::kMaintenance) << "a window that opens on a problem holds it";
  const std::size_t held = log.envelopes().size();
  for (int i = 0; i < 4; ++i)
    run_once(kApi, Outcome::kFail);
  EXPECT_TRUE(notifications(held).empty()) << "no reminders in maintenance";
  expect_accepted({EndMaintenance{kUpgrade, "bob"}}, now);
  EXPECT_EQ(status(kApi), Status::kDown);
  // Told before the window: no second problem page, but the reminder that
  // the window held back.
  const auto told = notifications(held);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]->kind, NotificationKind::kReminder);
}

TEST_F(MaintenanceTest, ARecoveryInsideTheWindowIsUpWithoutAnyNotification) {
  run_once(kApi, Outcome::kOk);
  open_window(MaintenanceScope{false, {kApi}, {}});
  run_once(kApi, Outcome::kFail);
  run_once(kApi, Outcome::kFail);
  run_once(kApi, Outcome::kOk);
  EXPECT_EQ(status(kApi), Status::kUp);
  expect_accepted({EndMaintenance{kUpgrade, ""}}, now);
  EXPECT_EQ(status(kApi), Status::kUp);
  EXPECT_TRUE(notifications().empty());
}

TEST_F(MaintenanceTest, APersonEndingAnAdHocOneOffWindowRemovesItAndTheCalendarCannotReopenIt) {
  open_window(MaintenanceScope{false, {kApi}, {}});
  expect_accepted({EndMaintenance{kUpgrade, "carol"}}, now);
  const auto names = log.names(log.envelopes().size() - 2);
  EXPECT_EQ(names, (std::vector<std::string>{"MaintenanceEnded", "MaintenanceRemoved"}));
  EXPECT_EQ(std::get<MaintenanceEnded>(log.envelopes()[log.envelopes().size() - 2].event).why,
            "ended by carol");
  const auto refused = attempt({StartMaintenance{kUpgrade, now, now + 1h}}, now);
  EXPECT_FALSE(refused.outcomes.at(0).accepted());
}

TEST_F(MaintenanceTest, AnOccurrenceStartsOnceAndAWindowNamingAnUnknownCheckIsRefused) {
  open_window(MaintenanceScope{false, {kApi}, {}}, 2h);
  const auto again = attempt({StartMaintenance{kUpgrade, now, now + 2h}}, now);
  EXPECT_FALSE(again.outcomes.at(0).accepted());
  EXPECT_NE(again.outcomes.at(0).why().find("already open"), std::string::npos);

  MaintenanceSpec typo;
  typo.id = MaintenanceId{"typo"};
  typo.scope.checks = {CheckId{"apy"}};
  typo.start = now;
  typo.duration = 1h;
  const auto refused = attempt({DefineMaintenance{typo, "alice"}}, now);
  ASSERT_FALSE(refused.outcomes.at(0).accepted());
  EXPECT_EQ(refused.outcomes.at(0).why(), "check 'apy' is not defined");
}

TEST_F(MaintenanceTest, AStickyAcknowledgementSurvivesTheWindowANormalOneEndsWithIt) {
  run_once(kApi, Outcome::kFail);
  run_once(kApi, Outcome::kFail);
  run_once(kDb, Outcome::kFail);
  run_once(kDb, Outcome::kFail);
  expect_accepted({AcknowledgeCheck{kApi, "alice", "", true, std::nullopt},
                   AcknowledgeCheck{kDb, "alice", "", false, std::nullopt}},
                  now);
  open_window(MaintenanceScope{true, {}, {}});
  EXPECT_TRUE(state.find_check(kApi)->acknowledgement) << "maintenance is still failing";
  EXPECT_FALSE(state.find_check(kDb)->acknowledgement) << "the status changed";
}

}  // namespace
}  // namespace nyxmon::domain
