#include "projections/schedule.hpp"

#include <algorithm>

namespace nyxmon::projections {

using namespace nyxmon::domain;

bool Schedule::live(const Entry& entry) const {
  const Slot& slot = slots_[entry.slot];
  return slot.queued && slot.generation == entry.generation;
}

bool Schedule::later(const Entry& a, const Entry& b) const {
  if (a.due_at != b.due_at) return a.due_at > b.due_at;
  return slots_[b.slot].check < slots_[a.slot].check;
}

void Schedule::push(std::uint32_t slot) const {
  heap_.push_back(Entry{slots_[slot].due_at, slot, slots_[slot].generation});
  std::push_heap(heap_.begin(), heap_.end(),
                 [this](const Entry& a, const Entry& b) { return later(a, b); });
}

void Schedule::drop_stale_top() const {
  while (!heap_.empty() && !live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(),
                  [this](const Entry& a, const Entry& b) { return later(a, b); });
    heap_.pop_back();
  }
}

void Schedule::rebuild_heap() const {
  heap_.clear();
  for (std::uint32_t index = 0; index < slots_.size(); ++index) {
    const Slot& slot = slots_[index];
    if (slot.queued) heap_.push_back(Entry{slot.due_at, index, slot.generation});
  }
  std::make_heap(heap_.begin(), heap_.end(),
                 [this](const Entry& a, const Entry& b) { return later(a, b); });
}

void Schedule::settle() const {
  if (!pending_.empty()) {
    // Pushing k entries costs k log n; rebuilding costs n.
    const bool rebuild = pending_.size() * 4 > slots_.size();
    for (const std::uint32_t index : pending_) {
      const Slot& slot = slots_[index];
      slot.pending = false;
      if (!rebuild && slot.queued) push(index);
    }
    pending_.clear();
    if (rebuild || heap_.size() > 2 * queued_ + 64) rebuild_heap();
  }
  drop_stale_top();
}

void Schedule::update(const CheckRecord& record, CheckSlot index) {
  if (index >= slots_.size()) slots_.resize(index + 1);
  Slot& slot = slots_[index];
  if (slot.check.empty()) slot.check = record.spec->id;  // a slot keeps its check
  if (slot.queued) --queued_;
  ++slot.generation;
  slot.queued = !record.removed && record.state.status != Status::kPaused && !record.run_in_flight;
  if (slot.queued) {
    ++queued_;
    slot.due_at = record.next.due_at;
    slot.reason = record.next.reason;
  }
  if (!slot.pending) {
    slot.pending = true;
    pending_.push_back(index);
  }
}

void Schedule::rebuild(const CheckStates& checks) {
  slots_.clear();
  heap_.clear();
  pending_.clear();
  queued_ = 0;
  for (CheckSlot slot = 0; slot < checks.slots().size(); ++slot)
    if (const CheckRecord* record = checks.at(slot)) update(*record, slot);
}

std::optional<Due> Schedule::next() const {
  settle();
  if (heap_.empty()) return std::nullopt;
  const Slot& slot = slots_[heap_.front().slot];
  return Due{slot.check, slot.due_at, slot.reason};
}

std::vector<Due> Schedule::pop_due(Timestamp now, std::size_t max_checks) {
  std::vector<Due> due;
  settle();
  while (!heap_.empty() && heap_.front().due_at <= now && due.size() < max_checks) {
    Slot& slot = slots_[heap_.front().slot];
    due.push_back(Due{slot.check, slot.due_at, slot.reason});
    slot.queued = false;
    --queued_;
    drop_stale_top();
  }
  return due;
}

}  // namespace nyxmon::projections
