// decider.hpp — turns commands into events: the engine's decisions.
//
// decide() takes one command and the working state of its batch and returns
// the events it decides, in the order they are to be appended, or a
// rejection that says why nothing happened ("check 'api' is paused; resume
// it first"). It never appends and never reads a clock: `now` is given.
// Decided events are folded into the working state at once, so the next
// command of the batch sees them.
#pragma once

#include <string>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/decisions/working_state.hpp"
#include "domain/rules/flapping.hpp"

namespace nyxmon::domain {

struct Decision {
  std::vector<Event> events;
  std::string rejection;  // empty when accepted (an accepted command may decide nothing)
  bool accepted() const { return rejection.empty(); }
};

struct DecisionRules {
  FlappingThresholds flapping;
};

Decision decide(const Command& command, WorkingState& state, Timestamp now,
                const DecisionRules& rules = {});

}  // namespace nyxmon::domain
