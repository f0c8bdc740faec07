// message_bus.hpp — the core's one way to change anything.
//
// dispatch() takes the commands drained from the inbox in one go, decides
// each in order against a working copy of the state, appends every decided
// event in ONE atomic append through the EventLog port (group commit), and
// then applies the appended events to the engine state, synchronously,
// before it returns, with the effects those decisions ask for. Handlers
// never append; nothing is applied that was not appended.
//
// If the append fails, nothing was written and nothing is applied: the
// commands of the batch are all reported failed with the storage error.
//
// Not thread-safe: owned by the core thread (single writer).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/decisions/decider.hpp"
#include "domain/ports/event_log.hpp"
#include "domain/state/engine_state.hpp"

namespace nyxmon::domain {

struct CommandOutcome {
  // None when accepted; else the decider's refusal, or, when the command was
  // decided but the append failed, "not recorded: <the storage error>" as
  // unavailable.
  std::optional<Error> rejection;
  bool not_recorded = false;    // decided, but the append failed (a storage error)
  std::size_t first_event = 0;  // index into BatchResult::appended
  std::size_t event_count = 0;
  bool accepted() const { return !rejection; }
  // The rejection's message; empty when accepted.
  std::string why() const { return rejection ? rejection->message : std::string(); }
};

struct BatchResult {
  std::vector<Envelope> appended;
  // What the appended decisions ask for, in order; empty when the append
  // failed (nothing was decided then).
  std::vector<Effect> effects;
  std::vector<CommandOutcome> outcomes;  // one per command, in order
  std::optional<Error> storage_error;    // the append failed; nothing was written
};

class MessageBus {
 public:
  MessageBus(EventLog& log, EngineState& state, DecisionRules rules = {})
      : log_(log), state_(state), rules_(rules) {}

  BatchResult dispatch(std::span<const Command> commands, Timestamp now);

 private:
  EventLog& log_;
  EngineState& state_;
  DecisionRules rules_;
};

}  // namespace nyxmon::domain
