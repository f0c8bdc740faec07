// recorded_event.hpp — one event as the store keeps it, and one about to be.
//
// The store is agnostic of what events mean: it keeps a type tag, a schema
// version and an opaque payload (cereal-encoded by EventRegistry). Stream
// versions start at 1; version 0 means "no such stream". Global sequences
// start at 1 and have no gaps, but where retention removed old run events or
// a recorded loss says that events are gone (EventStore::recorded_losses).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nyxmon::infra::eventstore {

struct NewEvent {
  std::uint32_t type_tag = 0;
  std::uint16_t schema_version = 0;
  std::int64_t recorded_at_ns = 0;  // UTC nanoseconds since the Unix epoch
  std::string payload;
};

struct RecordedEvent {
  std::uint64_t sequence = 0;
  std::string stream;
  std::uint64_t stream_version = 0;
  std::uint32_t type_tag = 0;
  std::uint16_t schema_version = 0;
  std::int64_t recorded_at_ns = 0;
  std::string payload;
};

// A RecordedEvent borrowed from storage: valid only during the callback that
// receives it.
struct RecordView {
  std::uint64_t sequence = 0;
  std::string_view stream;
  std::uint64_t stream_version = 0;
  std::uint32_t type_tag = 0;
  std::uint16_t schema_version = 0;
  std::int64_t recorded_at_ns = 0;
  std::string_view payload;
};

}  // namespace nyxmon::infra::eventstore
