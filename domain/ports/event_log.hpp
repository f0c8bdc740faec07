// event_log.hpp — the port through which the core appends what it decided.
//
// The infrastructure implements it over the RocksDB event store. One call
// appends every event of one drained inbox atomically (group commit) and
// returns them as envelopes, in order, with their sequences.
#pragma once

#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"

namespace nyxmon::domain {

class EventLog {
 public:
  virtual ~EventLog() = default;
  virtual Result<std::vector<Envelope>> append(const std::vector<Event>& events,
                                               Timestamp recorded_at) = 0;
};

}  // namespace nyxmon::domain
