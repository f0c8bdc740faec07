// What-if over a simulated history: re-running the rules with the
// parameters the checks had reproduces what happened; with other
// parameters, the short outage that paged someone would not have.
#include <gtest/gtest.h>

#include "projections/what_if.hpp"
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

}  // namespace
}  // namespace nyxmon::projections
