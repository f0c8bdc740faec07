// dry_run_log.hpp — an EventLog that keeps what would be appended instead
// of appending it: `apply --dry-run` decides a configuration's commands with
// the engine's own message bus over a copy of the state and prints the
// events, writing nothing.
#pragma once

#include "domain/ports/event_log.hpp"

namespace nyxmon::tools {

class DryRunLog : public domain::EventLog {
 public:
  // Sequences are numbered on from `head` as the store would number them.
  explicit DryRunLog(std::uint64_t head) : next_(head + 1) {}

  domain::Result<std::vector<domain::Envelope>> append(const std::vector<domain::Event>& events,
                                                       domain::Timestamp recorded_at) override {
    std::vector<domain::Envelope> envelopes;
    for (const auto& event : events)
      envelopes.push_back(
          domain::Envelope{next_++, domain::stream_for(event), 0, recorded_at, event});
    return envelopes;
  }

 private:
  std::uint64_t next_;
};

}  // namespace nyxmon::tools
