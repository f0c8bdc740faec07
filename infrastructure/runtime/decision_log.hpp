// decision_log.hpp — tells the operator, through the engine's log, what the
// core decided: every status change of a check or a service at info, and at
// debug every result recorded (check, run, outcome, reason, duration).
//
// A CorePart: runs on the core thread after each recorded batch.
#pragma once

#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class DecisionLog : public CorePart {
 public:
  void on_batch(std::span<const domain::Command> commands,
                const domain::BatchResult& batch) override;
};

}  // namespace nyxmon::infra::runtime
