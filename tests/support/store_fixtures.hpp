// store_fixtures.hpp — building blocks for event store tests: raw events of a
// given size, append requests, and reading a whole log back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::testing {

// An event whose payload is `payload_bytes` bytes derived from `seed`, so
// that its content can be checked after reading it back.
infra::eventstore::NewEvent sample_event(std::uint64_t seed, std::size_t payload_bytes = 32);
std::string sample_payload(std::uint64_t seed, std::size_t payload_bytes = 32);

infra::eventstore::AppendRequest append_request(
    std::string stream, std::size_t count, std::uint64_t first_seed = 0,
    infra::eventstore::ExpectedVersion expected = infra::eventstore::ExpectedVersion::any());

// Every event in the store, in order; fails the test on a read error.
std::vector<infra::eventstore::RecordedEvent> read_all(const infra::eventstore::EventStore& store);

}  // namespace nyxmon::testing
