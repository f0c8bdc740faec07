// snapshot_keeping.hpp — stores a snapshot of the projections every
// `every` events (so that a start folds only the log after it), and a last
// one when the engine stops. A snapshot that cannot be stored is logged and
// tried again at the next occasion; the log stays the truth.
//
// A CorePart: runs on the core thread, after recorded turns.
#pragma once

#include <cstdint>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class SnapshotKeeping : public CorePart {
 public:
  SnapshotKeeping(eventstore::EventStore& store, const CoreLoop& core, std::uint64_t every)
      : store_(store), core_(core), every_(every), saved_at_(core.projections().checkpoint()) {}

  void after_recorded_turn(domain::Timestamp) override { save(false); }
  // At stop: a snapshot of whatever is newer than the last one.
  void save_last() { save(true); }

 private:
  void save(bool whatever_the_distance);

  eventstore::EventStore& store_;
  const CoreLoop& core_;
  std::uint64_t every_;
  std::uint64_t saved_at_;
};

}  // namespace nyxmon::infra::runtime
