#include "infrastructure/eventstore/projection_loader.hpp"

#include "infrastructure/eventstore/domain_codec.hpp"

namespace nyxmon::infra::eventstore {

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
  std::uint64_t next = loaded.snapshot_sequence + 1;
  std::optional<domain::Error> failure;
  while (next <= until && !failure) {
    const std::size_t batch =
        static_cast<std::size_t>(std::min<std::uint64_t>(until - next + 1, 8192));
    auto visited = view.scan(next, batch, [&](const RecordView& record) {
      auto envelope = codec.decode(record);
      if (!envelope) {
        failure = std::move(envelope.error());
        return false;
      }
      loaded.projections.apply(*envelope);
      ++loaded.events_folded;
      next = record.sequence + 1;
      return true;
    });
    if (!visited) return domain::fail(std::move(visited.error()));
    if (*visited == 0) break;
    if (progress) progress(next - 1, until);
  }
  if (failure) return domain::fail(std::move(*failure));
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
