// history_retention.hpp — applies engine.keep_results: once at start and
// then hourly, removes run events older than the horizon from the store
// (eventstore/retention.hpp) and applies the HistoryTruncated event that
// records it. A removal that fails is logged and tried again an hour later.
//
// A CorePart: runs on the core thread, after recorded turns (a removal
// holds up the core for as long as it takes).
#pragma once

#include "domain/time.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class HistoryRetention : public CorePart {
 public:
  // Keeps run events of the last `keep`.
  HistoryRetention(eventstore::EventStore& store, CoreLoop& core, domain::Duration keep)
      : store_(store), core_(core), keep_(keep) {}

  void after_recorded_turn(domain::Timestamp now) override;

 private:
  eventstore::EventStore& store_;
  CoreLoop& core_;
  domain::Duration keep_;
  domain::Timestamp next_{};
};

}  // namespace nyxmon::infra::runtime
