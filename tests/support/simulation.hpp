// simulation.hpp — the engine's core loop in simulated time, for projection
// and decision tests: a message bus over an in-memory log, driven by the
// schedule projection, with probes replaced by a script that says what each
// check's target does at each instant. Deterministic: the same script gives
// the same log, event for event.
#pragma once

#include <functional>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::testing {

// What a target answers when probed at an instant.
using TargetScript = std::function<domain::Outcome(const domain::CheckId&, domain::Timestamp)>;

class Simulation {
 public:
  explicit Simulation(TargetScript script, domain::Timestamp start = at());

  // Dispatches commands at the current simulated time; expects them accepted.
  domain::BatchResult dispatch(std::vector<domain::Command> commands);
  // Runs every due check (probe answers at once, taking `probe_duration`)
  // until the simulated clock reaches `until`.
  void run_until(domain::Timestamp until);

  domain::Timestamp now() const { return now_; }
  const projections::Projections& projections() const { return projections_; }
  const MemoryEventLog& log() const { return log_; }

  // The log's events of one type, in order.
  template <class T>
  std::vector<const T*> events() const {
    std::vector<const T*> out;
    for (const auto& envelope : log_.envelopes()) {
      if (const auto* typed = std::get_if<T>(&envelope.event)) out.push_back(typed);
    }
    return out;
  }

  domain::Duration probe_duration{0};

 private:
  TargetScript script_;
  domain::Timestamp now_;
  MemoryEventLog log_;
  projections::Projections projections_;
  domain::MessageBus bus_{log_, projections_};
};

}  // namespace nyxmon::testing
