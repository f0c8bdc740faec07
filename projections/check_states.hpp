// check_states.hpp — every check's current record (spec, status, soft
// counters, last result, flapping, schedule, notification state), folded
// from the events of its stream and EngineStarted. A result of schema 1
// gets its facts here, as it is folded (domain/state/legacy_result_facts.hpp).
//
// Checks are kept by dense slot (check_slots.hpp): the one hash of an
// event's check id is intern()'s, and the projections folded after this one
// are handed the slot it gave.
//
// Not thread-safe: owned by the core thread. Readers elsewhere hold a
// record through shared(): once handed out it is never changed again (the
// next change goes to a copy; copy_on_write.hpp), so what they hold stays as
// it was and may be read on any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/state/check_record.hpp"
#include "projections/check_slots.hpp"
#include "projections/copy_on_write.hpp"

namespace nyxmon::projections {

class CheckStates {
 public:
  // The slot of the check `event` names, given now when the check is new;
  // nullopt for an event that names no check.
  std::optional<CheckSlot> intern(const domain::Event& event);
  // Applies one event, whose check has `slot` (what intern() gave for it);
  // events must arrive in global-sequence order. Returns the record the
  // event changed, or nullptr.
  const domain::CheckRecord* apply(const domain::Envelope& envelope, std::optional<CheckSlot> slot);
  const domain::CheckRecord* apply(const domain::Envelope& envelope) {
    return apply(envelope, intern(envelope.event));
  }

  const domain::CheckRecord* find(const domain::CheckId& id) const;
  // The record of a slot; null when the check named there has none (it was
  // never defined).
  const domain::CheckRecord* at(CheckSlot slot) const {
    return slot < records_.size() ? records_[slot].get() : nullptr;
  }
  const CheckSlots& slots() const { return slots_; }
  // For the projections restored beside these states: they intern the
  // checks their snapshots name.
  CheckSlots& slots() { return slots_; }
  // The record to keep, for any thread; null for an unknown check. Core
  // thread only.
  std::shared_ptr<const domain::CheckRecord> shared(const domain::CheckId& id) const;
  // Every record, removed ones included, in id order.
  std::vector<const domain::CheckRecord*> all() const;
  std::size_t size() const { return count_; }
  std::uint64_t checkpoint() const { return checkpoint_; }

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  CheckSlots slots_;
  // By slot; empty for a check never defined.
  std::vector<SharedPiece<domain::CheckRecord>> records_;
  std::size_t count_ = 0;  // records_ not empty
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
