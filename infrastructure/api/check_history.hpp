// check_history.hpp — what the check page reads from the log besides the
// view: the runs of its chart's window with their phases, the status
// changes around the instant it shows (for the step buttons), and, while
// the check has a problem, the decisions behind it as `nyxmon replay
// --explain` tells them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/model/probe_result.hpp"
#include "domain/state/check_record.hpp"
#include "infrastructure/eventstore/read_view.hpp"
#include "projections/explain.hpp"
#include "projections/incidents.hpp"

namespace nyxmon::infra::api {

struct RunPoint {
  domain::Timestamp at{};
  domain::Outcome outcome = domain::Outcome::kOk;
  domain::Duration duration{0};
  domain::PhaseTimings phases;
  std::string reason;
};

struct CheckHistory {
  std::vector<RunPoint> runs;    // in [from, until], oldest first
  bool runs_cut = false;         // more than were read: the newest kept
  bool began_in_window = false;  // the check's log begins after `from`
  // The newest status change at or before `until`, and the first after it
  // (none when `until` is the log's present).
  std::optional<domain::Timestamp> previous_change;
  std::optional<domain::Timestamp> next_change;
  // While the check has a problem at `until`: the results and decisions
  // from the run before its first failure to the change that made it a
  // problem and what followed (at most kWhySteps), oldest first.
  std::vector<projections::ExplainedStep> why;
};

// A notification asked for about an incident, or held by a silence.
struct IncidentNotice {
  domain::Timestamp at{};
  std::string text;  // "problem → ops-hook", "resolved → ops-hook (held by silence deploy)"
};

// The notifications about `incident` that `notifiers` (the check's) were
// asked for when it began and when it ended, and whether each was
// delivered: read from the notifiers' streams near both ends.
domain::Result<std::vector<IncidentNotice>> read_incident_notices(
    const eventstore::ReadView& log, const projections::Incident& incident,
    const std::vector<domain::NotifierId>& notifiers);

// The most runs a chart reads, and the most steps "why" tells.
inline constexpr std::size_t kChartRuns = 20000;
inline constexpr std::size_t kWhySteps = 40;

// `record` is the check as the page shows it (at `until_sequence`).
domain::Result<CheckHistory> read_check_history(const eventstore::ReadView& log,
                                                const domain::CheckRecord& record,
                                                domain::Timestamp from,
                                                std::uint64_t until_sequence);

}  // namespace nyxmon::infra::api
