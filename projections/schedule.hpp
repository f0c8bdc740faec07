// schedule.hpp — when each check runs next: an index over the check states.
//
// Kept in step by Projections, which hands it each check record right after
// the record changed: a check is queued at its next due time unless it is
// removed, paused or has a run in flight. It answers one question fast:
// which check is due next, and when (ties go to the smaller check id).
//
// Costs: a check is interned once, when first seen, into a dense slot; from
// then on an update is one hash lookup and, when the check is queued, one
// push onto a binary heap of (due time, slot) — no allocation, no string
// copied. An update that unqueues or replaces a queued time leaves the old
// heap entry behind, stale, to be skipped when it reaches the top (the heap
// is rebuilt from the slots when stale entries outnumber live ones). next()
// is O(1); update and pop_due() O(log n). Derived entirely from the check
// states, so it has no snapshot of its own: restore() rebuilds it from them.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
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
  std::size_t size() const { return queued_; }

 private:
  struct Slot {
    domain::CheckId check;
    domain::Timestamp due_at{};
    domain::RunReason reason{};
    std::uint32_t generation = 0;  // bumped by every update
    bool queued = false;
  };
  struct Entry {
    domain::Timestamp due_at;
    std::uint32_t slot;
    std::uint32_t generation;
  };

  bool live(const Entry& entry) const;
  // Heap order: true when `a` comes after `b`.
  bool later(const Entry& a, const Entry& b) const;
  void push(std::uint32_t slot);
  // Keeps the top of the heap live (or the heap empty), so next() can read it.
  void drop_stale_top();
  void compact_if_mostly_stale();

  std::unordered_map<domain::CheckId, std::uint32_t> slot_of_;
  std::vector<Slot> slots_;
  std::vector<Entry> heap_;
  std::size_t queued_ = 0;
};

}  // namespace nyxmon::projections
