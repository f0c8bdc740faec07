// Dependencies as the decider applies them: while a parent fails, a child
// whose status goes bad is unreachable and pages nobody, so an outage of a
// gateway in front of twenty services pages once; a child still failing
// once its parent is back pages then. Cycles are refused with their path.
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

const CheckId kGateway{"gateway"};

CheckId child(int i) {
  return CheckId{"web-" + std::to_string(i)};
}

class DependencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NotifierSpec ops{NotifierId{"ops"}, NotifierKind::kWebhook, "http://127.0.0.1:9/hook"};
    ServiceSpec web = service_spec("web");
    web.depends_on = {{Dependency::Kind::kCheck, "gateway"}};
    std::vector<Command> define{DefineService{service_spec("net")}, DefineService{web},
                                DefineNotifier{ops}};
    define.push_back(DefineCheck{spec("gateway", "net")});
    for (int i = 0; i < 20; ++i)
      define.push_back(DefineCheck{spec(child(i).value, "web")});
    expect_accepted(define);
  }

  static CheckSpec spec(const std::string& id, const std::string& service) {
    CheckSpec check = http_check(id, service);
    check.interval = 1min;
    check.retry_interval = 1min;
    check.failure_threshold = 3;
    check.recovery_threshold = 1;
    check.notifiers = {NotifierId{"ops"}};
    return check;
  }

  BatchResult attempt(std::vector<Command> commands) { return bus.dispatch(commands, now); }
  BatchResult expect_accepted(std::vector<Command> commands) {
    BatchResult batch = attempt(std::move(commands));
    for (const auto& outcome : batch.outcomes)
      EXPECT_TRUE(outcome.accepted()) << outcome.why();
    return batch;
  }

  // One round at `now`: every check runs once, children first (the worst
  // order for the parent), each with `outcome_of` its id.
  void round(const std::function<Outcome(const CheckId&)>& outcome_of) {
    std::vector<CheckId> order;
    for (int i = 0; i < 20; ++i)
      order.push_back(child(i));
    order.push_back(kGateway);
    for (const CheckId& check : order) {
      const Timestamp due = state.find_check(check)->next.due_at;
      auto scheduled = expect_accepted({RunCheck{check, due}});
      const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
      expect_accepted({RecordResult{check, run, result(outcome_of(check), now, "timed out")}});
    }
    now += 1min;
  }

  std::vector<const NotificationRequested*> pages(std::size_t from = 0) const {
    std::vector<const NotificationRequested*> out;
    for (std::size_t i = from; i < log.envelopes().size(); ++i) {
      const auto* requested = std::get_if<NotificationRequested>(&log.envelopes()[i].event);
      if (requested && requested->kind == NotificationKind::kProblem) out.push_back(requested);
    }
    return out;
  }

  Status status(const CheckId& check) const { return state.find_check(check)->state.status; }

  MemoryEventLog log;
  projections::Projections state;
  MessageBus bus{log, state};
  Timestamp now = at();
};

TEST_F(DependencyTest, AGatewayOutageBehindTwentyServicesPagesOnce) {
  round([](const CheckId&) { return Outcome::kOk; });
  const std::size_t healthy = log.envelopes().size();
  for (int i = 0; i < 5; ++i)
    round([](const CheckId&) { return Outcome::kFail; });
  EXPECT_EQ(status(kGateway), Status::kDown);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(status(child(i)), Status::kUnreachable) << child(i).value;
  const auto paged = pages(healthy);
  ASSERT_EQ(paged.size(), 1u);
  EXPECT_EQ(paged[0]->check, kGateway);
  EXPECT_EQ(state.find_service(ServiceId{"web"})->status, Status::kUnreachable);

  // Each child's change says what held it back; its incident names the
  // parent as the cause.
  const CheckRecord* first = state.find_check(child(0));
  EXPECT_EQ(first->status_reason.rfind("suppressed: parent gateway failing (soft failure 2/3)", 0),
            0u)
      << first->status_reason;
  const auto incidents = state.incidents().of(child(0));
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_NE(incidents[0].cause.find("suppressed: parent gateway"), std::string::npos);
}

TEST_F(DependencyTest, AChildStillFailingWhenItsParentIsBackPagesThen) {
  round([](const CheckId&) { return Outcome::kOk; });
  for (int i = 0; i < 4; ++i)
    round([](const CheckId&) { return Outcome::kFail; });
  ASSERT_EQ(status(child(3)), Status::kUnreachable);
  const std::size_t before = log.envelopes().size();
  // The gateway is back; web-3 is not, the others are.
  round([](const CheckId& check) { return check == child(3) ? Outcome::kFail : Outcome::kOk; });
  EXPECT_EQ(status(kGateway), Status::kUp);
  EXPECT_EQ(status(child(0)), Status::kUp);
  // web-3 ran before the gateway's good result in that round: it pages at
  // its next failing result.
  round([](const CheckId& check) { return check == child(3) ? Outcome::kFail : Outcome::kOk; });
  EXPECT_EQ(status(child(3)), Status::kDown);
  const auto paged = pages(before);
  ASSERT_EQ(paged.size(), 1u);
  EXPECT_EQ(paged[0]->check, child(3));
  EXPECT_EQ(state.find_check(child(3))->status_reason,
            "suppressed: parent gateway failing (soft failure 2/3) (timed out)")
      << "the reason stays the one of the outage";
}

TEST_F(DependencyTest, ACycleIsRefusedWithItsPath) {
  CheckSpec gateway = spec("gateway", "net");
  gateway.depends_on = {{Dependency::Kind::kCheck, "web-1"}};
  const auto refused = attempt({DefineCheck{gateway}});
  ASSERT_FALSE(refused.outcomes.at(0).accepted());
  EXPECT_EQ(refused.outcomes.at(0).why(),
            "depends_on makes a cycle: check gateway → check web-1 → check gateway");

  ServiceSpec net = service_spec("net");
  net.depends_on = {{Dependency::Kind::kService, "web"}};
  const auto through_services = attempt({DefineService{net}});
  ASSERT_FALSE(through_services.outcomes.at(0).accepted());
  EXPECT_EQ(through_services.outcomes.at(0).why(),
            "depends_on makes a cycle: check gateway → service web → check web-9 → check gateway");
}

}  // namespace
}  // namespace nyxmon::domain
