#include "infrastructure/runtime/snapshot_keeping.hpp"

#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

void SnapshotKeeping::save(bool whatever_the_distance) {
  const std::uint64_t checkpoint = core_.projections().checkpoint();
  if (checkpoint == saved_at_) return;
  if (!whatever_the_distance && checkpoint - saved_at_ < every_) return;
  if (auto saved = eventstore::save_snapshot(store_, core_.projections()); !saved) {
    system::log_warn("cannot store a snapshot: " + saved.error().message,
                     {{"event", "snapshot"}, {"error", saved.error().message}});
    return;
  }
  saved_at_ = checkpoint;
}

}  // namespace nyxmon::infra::runtime
