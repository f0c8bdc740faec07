#include "infrastructure/eventstore/stream_range.hpp"

#include <algorithm>

#include "infrastructure/eventstore/domain_codec.hpp"

namespace nyxmon::infra::eventstore {

namespace {

// The first version ≥ `low` whose event `stays_before` says no to, in
// [low, high + 1]; `stays_before` must be true for a prefix of versions.
template <class Predicate>
domain::Result<std::uint64_t> partition_point(const ReadView& view, std::string_view stream,
                                              std::uint64_t low, std::uint64_t high,
                                              Predicate stays_before) {
  std::uint64_t end = high + 1;
  while (low < end) {
    const std::uint64_t middle = low + (end - low) / 2;
    auto records = view.read_stream(stream, middle, 1);
    if (!records) return domain::fail(std::move(records.error()));
    // Versions may be missing (retention): the next one present stands in.
    if (records->empty() || !stays_before(records->front())) {
      end = middle;
    } else {
      low = std::max(middle, records->front().stream_version) + 1;
    }
  }
  return low;
}

}  // namespace

domain::Result<std::uint64_t> last_version_until(const ReadView& view, std::string_view stream,
                                                 std::uint64_t until_sequence) {
  const std::uint64_t newest = view.stream_version(stream);
  // The whole view: the stream's newest, without a search.
  if (newest == 0 || until_sequence >= view.head()) return newest;
  auto after = partition_point(view, stream, 1, newest, [&](const RecordedEvent& record) {
    return record.sequence <= until_sequence;
  });
  if (!after) return after;
  return *after - 1;
}

domain::Result<std::uint64_t> first_version_since(const ReadView& view, std::string_view stream,
                                                  domain::Timestamp since) {
  const std::uint64_t newest = view.stream_version(stream);
  if (newest == 0) return std::uint64_t{1};
  const std::int64_t since_ns = since.time_since_epoch().count();
  return partition_point(view, stream, 1, newest, [&](const RecordedEvent& record) {
    return record.recorded_at_ns < since_ns;
  });
}

domain::Result<std::vector<domain::Envelope>> read_stream_range(const ReadView& view,
                                                                std::string_view stream,
                                                                std::uint64_t first,
                                                                std::uint64_t last,
                                                                std::size_t limit) {
  std::vector<domain::Envelope> events;
  if (last < first || limit == 0) return events;
  first = std::max(first, last - std::min<std::uint64_t>(last - first, limit - 1));
  const auto& codec = DomainCodec::instance();
  std::uint64_t next = first;
  while (next <= last) {
    const std::size_t wanted =
        static_cast<std::size_t>(std::min<std::uint64_t>(last - next + 1, 4096));
    auto records = view.read_stream(stream, next, wanted);
    if (!records) return domain::fail(std::move(records.error()));
    if (records->empty()) break;
    for (const RecordedEvent& record : *records) {
      if (record.stream_version > last) return events;
      auto envelope = codec.decode(record);
      if (!envelope) return domain::fail(std::move(envelope.error()));
      events.push_back(std::move(*envelope));
      next = record.stream_version + 1;
    }
  }
  return events;
}

}  // namespace nyxmon::infra::eventstore
