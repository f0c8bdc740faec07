// schedule.hpp — when each check runs next: an index over the check states.
//
// Kept in step by Projections, which hands it each check record right after
// the record changed: a check is queued at its next due time unless it is
// removed, paused or has a run in flight. It answers one question fast:
// which check is due next, and when (ties go to the smaller check id).
//
// Costs: checks are kept by their dense slots (check_slots.hpp); an update
// is O(1), with no hash, allocation or string copied once a check has been
// seen: it writes the slot and marks it pending, whatever the rate. The queue itself, a binary heap
// of (due time, slot), is brought up to date only when asked (next(), pop_due()): each pending slot
// that is queued is pushed once, however many updates it had, or the heap is rebuilt from the slots
// in O(n) when most slots are pending (folding a long history asks nothing until the end). An
// update that unqueues or replaces a queued time leaves the old heap entry behind, stale, to be
// skipped when it reaches the top (the heap is rebuilt when stale entries outnumber live ones).
// next() and pop_due() are O(log n) per entry pushed or popped. Derived entirely from the check
// states, so it has no snapshot of its own: restore() rebuilds it from them.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/state/check_record.hpp"
#include "projections/check_states.hpp"

namespace nyxmon::projections {

struct Due {
  domain::CheckId check;
  domain::Timestamp due_at;
  domain::RunReason reason;
};

class Schedule {
 public:
  // Re-queues (or unqueues) one check from its current record; `slot` is
  // the check's in `checks`.
  void update(const domain::CheckRecord& record, CheckSlot slot);
  void rebuild(const CheckStates& checks);

  // The earliest due check, or nullopt when nothing is queued.
  std::optional<Due> next() const;
  // Every check due at or before `now`, earliest first, removed from the
  // queue (they come back with their next CheckScheduled/result).
  std::vector<Due> pop_due(domain::Timestamp now,
                           std::size_t max_checks = static_cast<std::size_t>(-1));
  std::size_t size() const { return queued_; }

 private:
  struct Slot {
    domain::CheckId check;  // empty while the slot holds no check
    domain::Timestamp due_at{};
    domain::RunReason reason{};
    std::uint32_t generation = 0;  // bumped by every update
    bool queued = false;
    mutable bool pending = false;  // updated since the heap last saw it (settle() clears)
  };
  struct Entry {
    domain::Timestamp due_at;
    std::uint32_t slot;
    std::uint32_t generation;
  };

  bool live(const Entry& entry) const;
  // Heap order: true when `a` comes after `b`.
  bool later(const Entry& a, const Entry& b) const;
  // Brings the heap up to date with the pending slots and keeps its top
  // live (or the heap empty), so next() can read it.
  void settle() const;
  void push(std::uint32_t slot) const;
  void drop_stale_top() const;
  void rebuild_heap() const;

  std::vector<Slot> slots_;
  std::size_t queued_ = 0;
  // The queue as of the last settle(): next() is const but settles first.
  mutable std::vector<std::uint32_t> pending_;
  mutable std::vector<Entry> heap_;
};

}  // namespace nyxmon::projections
