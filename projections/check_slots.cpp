#include "projections/check_slots.hpp"

namespace nyxmon::projections {

CheckSlots::CheckSlots(const CheckSlots& other) : slot_of_(other.slot_of_) {
  ids_.resize(slot_of_.size());
  for (const auto& [id, slot] : slot_of_)
    ids_[slot] = &id;
}

CheckSlots& CheckSlots::operator=(const CheckSlots& other) {
  if (this != &other) *this = CheckSlots(other);
  return *this;
}

CheckSlot CheckSlots::intern(const domain::CheckId& id) {
  auto [it, added] = slot_of_.try_emplace(id, static_cast<CheckSlot>(ids_.size()));
  if (added) ids_.push_back(&it->first);
  return it->second;
}

std::optional<CheckSlot> CheckSlots::find(const domain::CheckId& id) const {
  auto it = slot_of_.find(id);
  if (it == slot_of_.end()) return std::nullopt;
  return it->second;
}

}  // namespace nyxmon::projections
