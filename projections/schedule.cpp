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

void Schedule::push(std::uint32_t slot) {
  heap_.push_back(Entry{slots_[slot].due_at, slot, slots_[slot].generation});
  std::push_heap(heap_.begin(), heap_.end(),
                 [this](const Entry& a, const Entry& b) { return later(a, b); });
}

void Schedule::drop_stale_top() {
  while (!heap_.empty() && !live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(),
                  [this](const Entry& a, const Entry& b) { return later(a, b); });
    heap_.pop_back();
  }
}

void Schedule::compact_if_mostly_stale() {
  if (heap_.size() <= 2 * queued_ + 64) return;
  std::erase_if(heap_, [this](const Entry& entry) { return !live(entry); });
  std::make_heap(heap_.begin(), heap_.end(),
                 [this](const Entry& a, const Entry& b) { return later(a, b); });
}

void Schedule::update(const CheckRecord& record) {
  auto [it, added] =
      slot_of_.try_emplace(record.spec.id, static_cast<std::uint32_t>(slots_.size()));
  if (added) slots_.push_back(Slot{record.spec.id});
  const std::uint32_t index = it->second;
  Slot& slot = slots_[index];
  if (slot.queued) --queued_;
  ++slot.generation;
  slot.queued = !record.removed && record.state.status != Status::kPaused && !record.run_in_flight;
  if (slot.queued) {
    ++queued_;
    slot.due_at = record.next.due_at;
    slot.reason = record.next.reason;
    push(index);
  }
  drop_stale_top();
  compact_if_mostly_stale();
}

void Schedule::rebuild(const std::vector<const CheckRecord*>& records) {
  slot_of_.clear();
  slots_.clear();
  heap_.clear();
  queued_ = 0;
  for (const CheckRecord* record : records)
    update(*record);
}

std::optional<Due> Schedule::next() const {
  if (heap_.empty()) return std::nullopt;
  const Slot& slot = slots_[heap_.front().slot];
  return Due{slot.check, slot.due_at, slot.reason};
}

std::vector<Due> Schedule::pop_due(Timestamp now, std::size_t max_checks) {
  std::vector<Due> due;
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
