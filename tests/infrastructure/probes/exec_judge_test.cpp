#include <gtest/gtest.h>

#include "infrastructure/probes/judges.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

ExecSpec plugin(std::string name = "check_tcp") {
  ExecSpec spec;
  spec.command = {std::move(name), "-H", "127.0.0.1"};
  return spec;
}

ProcessOutcome exited(int code, std::string output, std::string errors = "") {
  ProcessOutcome outcome;
  outcome.exit_code = code;
  outcome.output = std::move(output);
  outcome.errors = std::move(errors);
  outcome.duration = 12ms;
  return outcome;
}

TEST(ExecJudge, ExitCodesAreTheOutcomesOfThePluginApi) {
  const std::pair<int, Outcome> cases[] = {
      {0, Outcome::kOk}, {1, Outcome::kWarn}, {2, Outcome::kFail}, {3, Outcome::kError}};
  for (auto [code, outcome] : cases) {
    const auto result = judge(plugin(), exited(code, "SOMETHING - said\n"));
    EXPECT_EQ(result.outcome, outcome) << code;
    EXPECT_EQ(result.reason, "SOMETHING - said") << code;
    EXPECT_EQ(result.duration, 12ms);
    EXPECT_EQ(result.phases.total, 12ms);
  }
}

TEST(ExecJudge, ThePerformanceDataBecomesTheMeasurements) {
  const auto result =
      judge(plugin(), exited(0,
                             "TCP OK - 0.000 second response time on 127.0.0.1 port 80"
                             "|time=0.000191s;;;0.000000;10.000000\n"));
  EXPECT_EQ(result.outcome, Outcome::kOk);
  EXPECT_EQ(result.reason, "TCP OK - 0.000 second response time on 127.0.0.1 port 80");
  ASSERT_EQ(result.measurements.size(), 1u);
  EXPECT_EQ(result.measurements[0], (Measurement{"time", 0.000191, "s", {}}));
}

TEST(ExecJudge, AnUnusualEndingIsAnErrorThatSaysWhat) {
  EXPECT_EQ(judge(plugin(), exited(4, "odd\n")).reason,
            "check_tcp exited with code 4, which is not a plugin's 0-3: odd");
  EXPECT_EQ(judge(plugin(), exited(4, "odd\n")).outcome, Outcome::kError);
  EXPECT_EQ(judge(plugin(), exited(2, "")).reason, "check_tcp exited with code 2 and said nothing");
  EXPECT_EQ(judge(plugin(), exited(2, "", "\n  usage: check_tcp -H host\n")).reason,
            "usage: check_tcp -H host");

  ProcessOutcome killed;
  killed.signal = 11;
  EXPECT_EQ(judge(plugin(), killed).reason, "check_tcp was killed by SIGSEGV");
  EXPECT_EQ(judge(plugin(), killed).outcome, Outcome::kError);

  ProcessOutcome slow;
  slow.timed_out = true;
  slow.signal = 9;
  slow.duration = 2s;
  slow.output = "still trying\n";
  const auto timed_out = judge(plugin(), slow);
  EXPECT_EQ(timed_out.outcome, Outcome::kFail);
  EXPECT_EQ(timed_out.reason,
            "timed out after 2s; check_tcp and its process group were killed (it said: still "
            "trying)");

  ProcessOutcome unstartable;
  unstartable.failure = "cannot run /x: No such file or directory";
  EXPECT_EQ(judge(plugin(), unstartable).outcome, Outcome::kError);
  EXPECT_EQ(judge(plugin(), unstartable).reason, unstartable.failure);
}

}  // namespace
}  // namespace nyxmon::infra::probes
