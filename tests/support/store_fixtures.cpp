#include "tests/support/store_fixtures.hpp"

#include <gtest/gtest.h>

namespace nyxmon::testing {

using infra::eventstore::AppendRequest;
using infra::eventstore::ExpectedVersion;
using infra::eventstore::NewEvent;
using infra::eventstore::RecordedEvent;

std::string sample_payload(std::uint64_t seed, std::size_t payload_bytes) {
  std::string payload(payload_bytes, '\0');
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (auto& byte : payload) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    byte = static_cast<char>('a' + x % 26);
  }
  return payload;
}

NewEvent sample_event(std::uint64_t seed, std::size_t payload_bytes) {
  return NewEvent{7, 1, static_cast<std::int64_t>(seed) * 1000,
                  sample_payload(seed, payload_bytes)};
}

AppendRequest append_request(std::string stream, std::size_t count, std::uint64_t first_seed,
                             ExpectedVersion expected) {
  AppendRequest request{std::move(stream), expected, {}};
  for (std::size_t i = 0; i < count; ++i)
    request.events.push_back(sample_event(first_seed + i));
  return request;
}

std::vector<RecordedEvent> read_all(const infra::eventstore::EventStore& store) {
  std::vector<RecordedEvent> all;
  const auto view = store.read_view();
  std::uint64_t next = 1;
  while (true) {
    auto batch = view.read_forward(next, 1000);
    EXPECT_TRUE(batch.has_value()) << (batch ? "" : batch.error().message);
    if (!batch || batch->empty()) break;
    next = batch->back().sequence + 1;
    for (auto& event : *batch)
      all.push_back(std::move(event));
  }
  return all;
}

}  // namespace nyxmon::testing
