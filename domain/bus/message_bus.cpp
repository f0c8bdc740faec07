#include "domain/bus/message_bus.hpp"

namespace nyxmon::domain {

BatchResult MessageBus::dispatch(std::span<const Command> commands, Timestamp now) {
  BatchResult batch;
  WorkingState working(state_);
  std::vector<Event> decided;
  std::vector<Effect> effects;
  for (const Command& command : commands) {
    Decision decision = decide(command, working, now, rules_);
    for (auto& effect : decision.effects)
      effects.push_back(std::move(effect));
    CommandOutcome outcome;
    outcome.rejection = std::move(decision.rejection);
    outcome.first_event = decided.size();
    outcome.event_count = decision.events.size();
    for (auto& event : decision.events)
      decided.push_back(std::move(event));
    batch.outcomes.push_back(std::move(outcome));
  }
  if (decided.empty()) return batch;

  auto appended = log_.append(decided, now);
  if (!appended) {
    for (auto& outcome : batch.outcomes) {
      if (outcome.accepted() && outcome.event_count > 0) {
        // For the command, whatever the store's failure: it was not
        // recorded now, and may be once the store takes writes again.
        outcome.rejection = Error::unavailable("not recorded: " + appended.error().message);
        outcome.not_recorded = true;
      }
    }
    batch.storage_error = std::move(appended.error());
    return batch;
  }
  batch.appended = std::move(*appended);
  batch.effects = std::move(effects);
  for (const Envelope& envelope : batch.appended)
    state_.apply(envelope);
  return batch;
}

}  // namespace nyxmon::domain
