// schedule.hpp — when each check runs next: an index over the check states.
//
// Kept in step by Projections, which hands it each check record right after
// the record changed: a check is queued at its next due time unless it is
// removed, paused or has a run in flight. It answers one question fast:
// which check is due next, and when. next() is O(1); updates and pop_due()
// are O(log n). Derived entirely from the check states, so it has no
// snapshot of its own: restore() rebuilds it from them.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/state/check_record.hpp"

namespace nyxmon::projections {

struct Due {
  domain::CheckId check;
  domain::Timestamp due_at;
  domain::RunReason reason;
};

class Schedule {
 public:
  // Re-queues (or unqueues) one check from its current record.
  void update(const domain::CheckRecord& record);
  void rebuild(const std::vector<const domain::CheckRecord*>& records);

  // The earliest due check, or nullopt when nothing is queued.
  std::optional<Due> next() const;
  // Every check due at or before `now`, earliest first, removed from the
  // queue (they come back with their next CheckScheduled/result).
  std::vector<Due> pop_due(domain::Timestamp now,
                           std::size_t max_checks = static_cast<std::size_t>(-1));
  std::size_t size() const { return queue_.size(); }

 private:
  using Key = std::pair<domain::Timestamp, domain::CheckId>;
  std::set<Key> queue_;
  std::unordered_map<domain::CheckId, std::pair<domain::Timestamp, domain::RunReason>> queued_;
};

}  // namespace nyxmon::projections
