// explain.hpp — the story of one check, decision by decision: each event of
// its stream with what it did and, for decisions, the rule that fired
// ("3rd consecutive fail ≥ failure_threshold 3 → down"). What `nyxmon replay
// --explain` prints.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/events/envelope.hpp"
#include "domain/state/check_record.hpp"

namespace nyxmon::projections {

struct ExplainedStep {
  std::uint64_t sequence = 0;
  domain::Timestamp at{};
  std::string event;      // "CheckResultRecorded"
  std::string what;       // "run 7: fail — connection refused by 127.0.0.1:8081"
  std::string rule;       // "soft failure 2/3", or the rule of a status change
  bool decision = false;  // a status change, flapping change or notification
};

// Folds `events` (the check's events in sequence order, as many as wanted)
// onto `from` (the check before the first of them; a fresh record when they
// begin with its definition) and explains each.
std::vector<ExplainedStep> explain(const std::vector<domain::Envelope>& events,
                                   domain::CheckRecord from = {});

}  // namespace nyxmon::projections
