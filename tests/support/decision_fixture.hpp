// decision_fixture.hpp — a message bus over an in-memory log and the real
// projections, with simulated time, for tests of what the decider decides
// over a check's runs: commands dispatched and expected accepted, runs at
// their due times, and the events appended since a point.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "domain/bus/message_bus.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::testing {

class DecisionFixture : public ::testing::Test {
 protected:
  domain::BatchResult expect_accepted(std::vector<domain::Command> commands) {
    domain::BatchResult batch = bus.dispatch(commands, now);
    for (const auto& outcome : batch.outcomes)
      EXPECT_TRUE(outcome.accepted()) << outcome.why();
    return batch;
  }

  // One run of `check` at its due time (time moves on to it) with `outcome`.
  void run_once(const domain::CheckId& check, domain::Outcome outcome) {
    const domain::Timestamp due = state.find_check(check)->next.due_at;
    now = std::max(now, due);
    auto scheduled = expect_accepted({domain::RunCheck{check, due}});
    const domain::RunId run = std::get<domain::CheckScheduled>(scheduled.appended.at(0).event).run;
    expect_accepted({domain::RecordResult{check, run, result(outcome, now, "refused")}});
  }

  // The events of type T appended from envelope `from` on.
  template <class T>
  std::vector<const T*> since(std::size_t from) const {
    std::vector<const T*> out;
    for (std::size_t i = from; i < log.envelopes().size(); ++i) {
      if (const auto* typed = std::get_if<T>(&log.envelopes()[i].event)) out.push_back(typed);
    }
    return out;
  }
  std::size_t appended() const { return log.envelopes().size(); }

  MemoryEventLog log;
  projections::Projections state;
  domain::MessageBus bus{log, state};
  domain::Timestamp now = at();
};

}  // namespace nyxmon::testing
