// core_part.hpp — a part of the engine that works on the core thread
// between batches: notification delivery, the published view, the decision
// log, snapshots, retention. The core loop calls its parts in the order they
// were added; none of them decides or appends anything itself.
//
// Core thread only: every hook runs on the thread that runs CoreLoop::run()
// (or start-up, before it), so a part may read the projections freely.
#pragma once

#include <optional>
#include <span>

#include "domain/bus/message_bus.hpp"
#include "domain/commands/command.hpp"

namespace nyxmon::infra::runtime {

class CorePart {
 public:
  virtual ~CorePart() = default;

  // A batch was appended and applied (at start-up, in a turn, or when held
  // results were recorded after an outage); `commands` are what was decided.
  virtual void on_batch(std::span<const domain::Command> commands,
                        const domain::BatchResult& batch) {
    (void)commands;
    (void)batch;
  }

  // Each turn while the store records, before the core waits: do what is
  // due at `now`; returns when the part next wants a turn (nullopt: only
  // when something arrives).
  virtual std::optional<domain::Timestamp> on_turn(domain::Timestamp now) {
    (void)now;
    return std::nullopt;
  }

  // After a turn whose batch was recorded: housekeeping that may take a
  // while (snapshots, retention).
  virtual void after_recorded_turn(domain::Timestamp now) { (void)now; }

  // At the end of every turn, before the replies of its commands go out;
  // `replies_waiting` says whether there are any.
  virtual void before_replies(bool replies_waiting) { (void)replies_waiting; }
};

}  // namespace nyxmon::infra::runtime
