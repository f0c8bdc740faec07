// decider.hpp — turns commands into events: the engine's decisions.
//
// decide() takes one command and the working state of its batch and returns
// the events it decides, in the order they are to be appended, with the
// effects they ask for (domain/decisions/effect.hpp: a probe to start), or a
// rejection: an Error whose code says what kind of refusal it is (invalid,
// not_found, conflict) and whose message says why nothing happened ("check
// 'api' is paused; resume it first"). It never appends and never reads a clock: `now` is given.
// Decided events are folded into the working state at once, so the next
// command of the batch sees them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/decisions/effect.hpp"
#include "domain/decisions/working_state.hpp"
#include "domain/error.hpp"
#include "domain/rules/flapping.hpp"

namespace nyxmon::domain {

struct Decision {
  std::vector<Event> events;
  std::vector<Effect> effects;     // to carry out once `events` are appended
  std::optional<Error> rejection;  // none when accepted (an accepted command may decide nothing)
  bool accepted() const { return !rejection; }
  // The rejection's message; empty when accepted.
  std::string why() const { return rejection ? rejection->message : std::string(); }
};

struct DecisionRules {
  FlappingThresholds flapping;
};

Decision decide(const Command& command, WorkingState& state, Timestamp now,
                const DecisionRules& rules = {});

}  // namespace nyxmon::domain
