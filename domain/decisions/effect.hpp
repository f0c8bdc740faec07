// effect.hpp — what a decision asks of the world beyond the log, as plain
// values the domain names. decide() returns them beside its events; the
// engine carries them out once those events are appended (and drops them
// when the append fails). Nothing finds work by reading events.
//
// A heartbeat check's run needs no effect: its result is decided at once
// from the pings recorded, so only probed checks ask for a probe.
#pragma once

#include <memory>
#include <variant>

#include "domain/model/check_spec.hpp"
#include "domain/model/ids.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// Probe the check's target for run `run`; its result comes back as a
// RecordResult command for that run.
// The spec is shared, not copied, by everything that carries the run.
struct StartProbe {
  std::shared_ptr<const CheckSpec> spec;  // the check as defined when the run was scheduled
  RunId run = 0;
  Timestamp due_at{};
  bool operator==(const StartProbe& other) const {
    return *spec == *other.spec && run == other.run && due_at == other.due_at;
  }
};

using Effect = std::variant<StartProbe>;

}  // namespace nyxmon::domain
