// what_if.hpp — the rules re-run over recorded results with other
// parameters, beside what really happened: per check, the status changes
// and notifications the log holds and those the same results would have
// caused with, say, failure_threshold 5. Folded from the log like any
// projection; writes nothing.
//
// The simulation follows each check's definitions, pauses and results in
// log order through the domain's own state machine and notification
// policy (flapping and reminders are left out of the simulated side: they
// depend on timing the results alone do not fix).
//
// Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/events/envelope.hpp"
#include "domain/rules/check_state_machine.hpp"
#include "domain/rules/notification_policy.hpp"

namespace nyxmon::projections {

struct WhatIfParameters {
  std::optional<int> failure_threshold;
  std::optional<int> recovery_threshold;
};

struct WhatIfChange {
  domain::Timestamp at{};
  domain::Status from = domain::Status::kPending;
  domain::Status to = domain::Status::kPending;
  std::string rule;
  std::optional<domain::NotificationKind> notification;
};

struct WhatIfCheck {
  domain::CheckId check;
  std::uint64_t results = 0;  // results considered (at or after `since`)
  std::vector<WhatIfChange> actual;
  std::vector<WhatIfChange> simulated;
};

class WhatIf {
 public:
  // Changes before `since` are folded but not reported; `only` limits the
  // report to one check.
  WhatIf(WhatIfParameters parameters, domain::Timestamp since,
         std::optional<domain::CheckId> only = std::nullopt);

  void apply(const domain::Envelope& envelope);

  // Every check seen, in id order.
  std::vector<WhatIfCheck> report() const;

 private:
  struct Simulated {
    domain::StateMachineThresholds thresholds;
    domain::CheckState state;
    domain::NotificationState notification;
    bool notifies = false;
    WhatIfCheck report;
  };
  Simulated* tracked(const domain::CheckId& check);
  void record(Simulated& check, const domain::Step& step, domain::Timestamp at, bool simulated);

  WhatIfParameters parameters_;
  domain::Timestamp since_;
  std::optional<domain::CheckId> only_;
  std::map<domain::CheckId, Simulated> checks_;
};

}  // namespace nyxmon::projections
