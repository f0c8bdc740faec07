#include "infrastructure/eventstore/projection_loader.hpp"

#include "infrastructure/eventstore/domain_codec.hpp"

namespace nyxmon::infra::eventstore {

namespace {
constexpr std::uint64_t kProgressEvery = 8192;  // events between progress reports
}  // namespace

domain::Result<LoadedProjections> load_projections(const EventStore& store, const ReadView& view,
                                                   std::optional<std::uint64_t> until_sequence,
                                                   const ProgressCallback& progress) {
  const std::uint64_t until = std::min(until_sequence.value_or(view.head()), view.head());
  LoadedProjections loaded;
  auto snapshot = store.snapshot_at_or_before(kProjectionsSnapshotName, until);
  if (snapshot && *snapshot) {
    if (loaded.projections.restore((*snapshot)->bytes)) {
      loaded.snapshot_sequence = (*snapshot)->sequence;
    } else {
      loaded.projections = projections::Projections{};
    }
  }
  const DomainCodec& codec = DomainCodec::instance();
  const std::uint64_t first = loaded.snapshot_sequence + 1;
  std::optional<domain::Error> failure;
  std::uint64_t last = 0;  // the last event folded
  if (first <= until) {
    // One scan, so that one iterator and its readahead serve the whole
    // fold, and one envelope every event decoded.
    domain::Envelope envelope;
    auto visited = view.scan(first, static_cast<std::size_t>(until - first + 1),
                             [&](const RecordView& record) {
                               if (auto decoded = codec.decode(record, envelope); !decoded) {
                                 failure = std::move(decoded.error());
                                 return false;
                               }
                               loaded.projections.apply(envelope);
                               last = record.sequence;
                               if (++loaded.events_folded % kProgressEvery == 0 && progress)
                                 progress(last, until);
                               return true;
                             });
    if (!visited) return domain::fail(std::move(visited.error()));
  }
  if (failure) return domain::fail(std::move(*failure));
  if (progress && loaded.events_folded % kProgressEvery != 0) progress(last, until);
  return loaded;
}

domain::Result<std::uint64_t> sequence_at(const ReadView& view, domain::Timestamp instant) {
  const std::int64_t wanted = domain::to_unix_nanos(instant);
  std::uint64_t low = 1, high = view.head(), found = 0;
  while (low <= high) {
    const std::uint64_t middle = low + (high - low) / 2;
    std::optional<std::int64_t> at;
    auto visited = view.scan(middle, 1, [&](const RecordView& record) {
      at = record.recorded_at_ns;
      return true;
    });
    if (!visited) return domain::fail(std::move(visited.error()));
    if (!at) break;
    if (*at <= wanted) {
      found = middle;
      low = middle + 1;
    } else {
      if (middle == 0) break;
      high = middle - 1;
    }
  }
  return found;
}

domain::Result<void> save_snapshot(EventStore& store, const projections::Projections& projections) {
  return store.put_snapshot(kProjectionsSnapshotName, projections.checkpoint(),
                            projections.snapshot());
}

}  // namespace nyxmon::infra::eventstore
