// retention.hpp — keeping the log from growing without end: run events
// (CheckScheduled, CheckResultRecorded, HeartbeatReceived) older than a
// horizon are removed, after a snapshot of every projection at the horizon
// is stored, and HistoryTruncated records that it happened. Definitions,
// status changes, incidents and notifications stay forever.
//
// Time travel to before the horizon still answers statuses (from snapshots
// and the events kept); what each run saw there is gone, and the commands
// say so. Called by `nyxmon compact` on a stopped engine and by the engine
// itself when engine.keep_results is set.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::eventstore {

struct TruncationReport {
  std::uint64_t before_sequence = 0;  // events below it may be gone; 0: nothing to do
  std::uint64_t removed = 0;
  // The HistoryTruncated event appended (nullopt when nothing was removed).
  std::optional<domain::Envelope> recorded;
};

// Whether retention may remove this kind of event.
bool is_run_event(std::uint32_t type_tag);

// Removes the run events recorded at or before `horizon`. The caller is the
// store's single writer. Idempotent: a second call with the same horizon
// removes nothing and records nothing.
domain::Result<TruncationReport> truncate_history(EventStore& store, domain::Timestamp horizon,
                                                  domain::Timestamp now,
                                                  const ProgressCallback& progress = {});

}  // namespace nyxmon::infra::eventstore
