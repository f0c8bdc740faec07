// projection_loader.hpp — the projections as they were at any point of the
// log: restored from the newest snapshot at or before that point, then
// folded forward event by event. Time travel ("status at 03:12") and engine
// start-up both come through here.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/error.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::eventstore {

inline constexpr std::string_view kProjectionsSnapshotName = "projections";

struct LoadedProjections {
  projections::Projections projections;
  std::uint64_t snapshot_sequence = 0;  // 0: folded from the start
  std::uint64_t events_folded = 0;
};

// The projections after folding every event up to and including
// `until_sequence` of `view` (its head when nullopt). A snapshot that cannot
// be read is skipped, and the log folded from the start instead.
domain::Result<LoadedProjections> load_projections(const EventStore& store, const ReadView& view,
                                                   std::optional<std::uint64_t> until_sequence,
                                                   const ProgressCallback& progress = {});

// The newest sequence recorded at or before `instant` (0 if none): a binary
// search over recorded-at times, which the single writer keeps in order.
domain::Result<std::uint64_t> sequence_at(const ReadView& view, domain::Timestamp instant);

// Takes a snapshot of `projections` (at their checkpoint) into the store.
domain::Result<void> save_snapshot(EventStore& store, const projections::Projections& projections);

}  // namespace nyxmon::infra::eventstore
