// store_event_log.hpp — the domain's EventLog port over the event store:
// encodes decided events, appends them in one group commit (consecutive
// events of one stream share an append request), and hands back envelopes
// with their sequences and stream versions.
//
// Not thread-safe: used by the core thread, the store's single writer.
#pragma once

#include "domain/ports/event_log.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::eventstore {

class StoreEventLog : public domain::EventLog {
 public:
  explicit StoreEventLog(EventStore& store) : store_(store) {}

  domain::Result<std::vector<domain::Envelope>> append(const std::vector<domain::Event>& events,
                                                       domain::Timestamp recorded_at) override;

 private:
  EventStore& store_;
};

}  // namespace nyxmon::infra::eventstore
