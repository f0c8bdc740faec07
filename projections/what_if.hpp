// what_if.hpp — the rules re-run over recorded results with other settings,
// beside what really happened: per check, the status changes and
// notifications the log holds and those the same results would have caused
// with, say, failure_threshold 5. Folded from the log like any projection;
// writes nothing.
//
// The simulated side is the engine's own decider: the log's definitions,
// pauses, engine starts, heartbeats and results are turned back into the
// commands that made them (definitions with the overridden settings) and
// decided again over a simulated engine state, so the state machine,
// flapping and reminders all count. A run is replayed where the simulated
// check is due by then: with another interval or retry_interval (or a
// threshold that changes when retries happen), results the simulated check
// would not have waited for are skipped, and it cannot run more often than
// results were recorded.
//
// Hypothetical maintenance windows are opened and closed in the simulation
// only, so its side shows the pages they would have spared. Delays,
// escalations and reminders fall due in the simulation at their own times
// (notification_dues.hpp), as the engine's notification clock has them.
//
// Not thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/events/envelope.hpp"
#include "domain/model/check_spec.hpp"
#include "domain/model/maintenance_spec.hpp"
#include "domain/rules/notification_policy.hpp"
#include "projections/notification_dues.hpp"

namespace nyxmon::projections {

// A maintenance window that was not, with the occurrences it would have
// had (start, end), oldest first: the caller computes them, knowing time
// zones. The simulation opens and closes it as the engine would have.
struct HypotheticalWindow {
  domain::MaintenanceSpec spec;
  std::vector<std::pair<domain::Timestamp, domain::Timestamp>> occurrences;
};

// The check settings a what-if may change (unset ones keep each check's
// own), and windows it may add.
struct WhatIfParameters {
  std::optional<int> failure_threshold;
  std::optional<int> recovery_threshold;
  std::optional<domain::Duration> interval;
  std::optional<domain::Duration> retry_interval;
  std::optional<domain::Duration> reminder_interval;
  std::vector<HypotheticalWindow> windows;
  // Parents added to checks' own depends_on.
  std::map<domain::CheckId, std::vector<domain::Dependency>> depends_on;
};

struct WhatIfChange {
  domain::Timestamp at{};
  domain::Status from = domain::Status::kPending;
  domain::Status to = domain::Status::kPending;
  std::string rule;  // "reminder" or "escalation" for those (from == to)
  std::optional<domain::NotificationKind> notification;
};

struct WhatIfCheck {
  domain::CheckId check;
  std::uint64_t results = 0;   // results recorded (at or after `since`)
  std::uint64_t replayed = 0;  // results the simulation decided (fewer when it ran less often)
  // Why the simulation could not take the check's definition as recorded
  // (today's validation refuses it); empty when it could. A check refused
  // here has no simulated side.
  std::string refused;
  std::vector<WhatIfChange> actual;
  std::vector<WhatIfChange> simulated;
};

class WhatIf {
 public:
  // Changes before `since` are folded but not reported; `only` limits the
  // report (and the simulation) to one check.
  WhatIf(WhatIfParameters parameters, domain::Timestamp since,
         std::optional<domain::CheckId> only = std::nullopt);
  ~WhatIf();

  void apply(const domain::Envelope& envelope);

  // Every check seen, in id order.
  std::vector<WhatIfCheck> report() const;

 private:
  struct Simulation;

  bool concerns(const domain::CheckId& check) const { return !only_ || *only_ == check; }
  domain::CheckSpec overridden(domain::CheckSpec spec) const;
  // Decides `command` at `at` in the simulation and reports what it decided.
  void simulate(domain::Command command, domain::Timestamp at);
  // Adds a status change or notification to a report.
  void collect(const domain::Envelope& envelope, bool simulated);
  void replay_run(const domain::CheckScheduled& scheduled, domain::Timestamp at);
  void replay_result(const domain::CheckResultRecorded& recorded, domain::Timestamp at);

  struct Transition {
    domain::Timestamp at{};
    std::size_t window = 0;
    bool opens = false;
    domain::Timestamp ends_at{};  // of the occurrence that opens
  };
  // Decides in the simulation what falls due before `until` with no new
  // fact.
  void decide_due_notifications(domain::Timestamp until);
  // Opens and closes the hypothetical windows due by `at`, in time order.
  void advance_windows(domain::Timestamp at);
  // Opens the hypothetical windows whose occurrence is under way but that
  // are not open in the simulation (their checks were not defined yet).
  void open_wanted_windows(domain::Timestamp at);

  WhatIfParameters parameters_;
  std::vector<Transition> transitions_;  // of the hypothetical windows, in time order
  std::size_t next_transition_ = 0;
  // Per hypothetical window, its occurrence under way (start, end), if any.
  std::vector<std::optional<std::pair<domain::Timestamp, domain::Timestamp>>> under_way_;
  domain::Timestamp since_;
  std::optional<domain::CheckId> only_;
  std::map<domain::CheckId, WhatIfCheck> reports_;
  std::unique_ptr<Simulation> simulation_;
  NotificationDues dues_;  // of the simulation
};

}  // namespace nyxmon::projections
