// check_slots.hpp — dense integer ids for checks inside the projections.
//
// A check is interned once, when an event first names it, into the next
// slot (0, 1, 2, …). The per-check projections keep their state in vectors
// indexed by slot, so folding an event hashes its check id once, here, and
// not again in every projection. A slot is never reused or forgotten (a
// removed check keeps its own), and slots are not stable from one process
// to the next: snapshots and events name checks by their ids, never slots.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/model/ids.hpp"

namespace nyxmon::projections {

using CheckSlot = std::uint32_t;

class CheckSlots {
 public:
  CheckSlots() = default;
  CheckSlots(const CheckSlots& other);
  CheckSlots& operator=(const CheckSlots& other);
  CheckSlots(CheckSlots&&) noexcept = default;
  CheckSlots& operator=(CheckSlots&&) noexcept = default;

  // The check's slot, given it now when it has none.
  CheckSlot intern(const domain::CheckId& id);
  std::optional<CheckSlot> find(const domain::CheckId& id) const;
  // The id of a slot intern() gave.
  const domain::CheckId& id(CheckSlot slot) const { return *ids_[slot]; }
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<domain::CheckId, CheckSlot> slot_of_;
  // The keys of slot_of_ by slot (its nodes do not move; a copy re-points).
  std::vector<const domain::CheckId*> ids_;
};

}  // namespace nyxmon::projections
