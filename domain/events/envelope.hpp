// envelope.hpp — an event as read back from the log: where it stands
// (global sequence, stream and version) and when it was recorded.
#pragma once

#include <cstdint>
#include <string>

#include "domain/events/event.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct Envelope {
  std::uint64_t sequence = 0;
  std::string stream;
  std::uint64_t stream_version = 0;
  Timestamp recorded_at{};
  Event event;
};

}  // namespace nyxmon::domain
