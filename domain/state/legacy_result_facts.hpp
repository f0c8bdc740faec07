// legacy_result_facts.hpp — the facts of a result recorded before results
// carried them (schema 1 of CheckResultRecorded): what it did to its check,
// computed as that schema's fold computed it, from the check's record just
// before the result. Used once per such result, as it is folded; never for
// a result the decider records today.
#pragma once

#include <optional>

#include "domain/events/run_events.hpp"
#include "domain/state/check_record.hpp"

namespace nyxmon::domain {

ResultFacts legacy_result_facts(const CheckRecord& before, Outcome outcome);

// The event to fold into `before`, the check's record: `event` itself, or,
// for a result without its facts, a copy of it made in `filled` with them.
const Event& with_result_facts(const Event& event, const CheckRecord& before,
                               std::optional<Event>& filled);

}  // namespace nyxmon::domain
