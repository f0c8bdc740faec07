#include "projections/explain.hpp"

#include <gtest/gtest.h>

#include "tests/support/simulation.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

TEST(Explain, ListsEachDecisionWithTheRuleThatFired) {
  testing::Simulation sim([](const CheckId&, Timestamp t) {
    return t - at() >= 3min && t - at() < 6min ? Outcome::kFail : Outcome::kOk;
  });
  sim.dispatch(
      {DefineService{testing::service_spec("web")}, DefineCheck{testing::http_check("api")}});
  sim.run_until(at(10min));
  std::vector<Envelope> of_api;
  for (const auto& e : sim.log().envelopes()) {
    if (e.stream == "check-api") of_api.push_back(e);
  }
  const auto steps = explain(of_api);
  std::vector<std::string> decisions, soft;
  for (const auto& step : steps) {
    if (step.decision) decisions.push_back(step.what + " | " + step.rule);
    if (step.rule.starts_with("soft failure")) soft.push_back(step.rule);
  }
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_EQ(decisions[0], "status pending → up (run 1) | first ok result → up");
  EXPECT_NE(decisions[1].find("status up → down"), std::string::npos) << decisions[1];
  EXPECT_NE(decisions[1].find("| 3rd consecutive fail ≥ failure_threshold 3 → down"),
            std::string::npos);
  EXPECT_NE(decisions[2].find("| 2nd consecutive good result (ok) ≥ recovery_threshold 2 → up"),
            std::string::npos);
  EXPECT_EQ(soft, (std::vector<std::string>{"soft failure 1/3", "soft failure 2/3"}));
  EXPECT_EQ(steps.front().event, "CheckDefined");
}

}  // namespace
}  // namespace nyxmon::projections
