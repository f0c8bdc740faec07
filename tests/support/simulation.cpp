#include "tests/support/simulation.hpp"

#include <gtest/gtest.h>

namespace nyxmon::testing {

using namespace nyxmon::domain;

Simulation::Simulation(TargetScript script, Timestamp start)
    : script_(std::move(script)), now_(start) {}

BatchResult Simulation::dispatch(std::vector<Command> commands) {
  BatchResult batch = bus_.dispatch(commands, now_);
  for (std::size_t i = 0; i < batch.outcomes.size(); ++i) {
    EXPECT_TRUE(batch.outcomes[i].accepted()) << "command " << i << ": " << batch.outcomes[i].why();
  }
  return batch;
}

void Simulation::run_until(Timestamp until) {
  while (true) {
    const auto next = projections_.schedule().next();
    if (!next || next->due_at > until) break;
    now_ = std::max(now_, next->due_at);
    auto due = projections_.schedule().pop_due(now_);
    std::vector<Command> runs;
    for (const auto& entry : due)
      runs.push_back(RunCheck{entry.check, entry.due_at});
    const BatchResult scheduled = bus_.dispatch(runs, now_);
    std::vector<Command> results;
    for (const Effect& effect : scheduled.effects) {
      const auto& probe = std::get<StartProbe>(effect);
      const CheckId& check = probe.spec->id;
      const Outcome outcome = script_(check, now_);
      results.push_back(
          RecordResult{check, probe.run,
                       result(outcome, now_, outcome == Outcome::kOk ? "" : "scripted failure",
                              probe_duration)});
    }
    now_ += probe_duration;
    if (!results.empty()) bus_.dispatch(results, now_);
  }
  now_ = std::max(now_, until);
}

}  // namespace nyxmon::testing
