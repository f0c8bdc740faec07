#include "projections/schedule.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

void Schedule::update(const CheckRecord& record) {
  const CheckId& id = record.spec.id;
  if (auto it = queued_.find(id); it != queued_.end()) {
    queue_.erase({it->second.first, id});
    queued_.erase(it);
  }
  const bool runnable =
      !record.removed && record.state.status != Status::kPaused && !record.run_in_flight;
  if (!runnable) return;
  queue_.insert({record.next.due_at, id});
  queued_.emplace(id, std::pair{record.next.due_at, record.next.reason});
}

void Schedule::rebuild(const std::vector<const CheckRecord*>& records) {
  queue_.clear();
  queued_.clear();
  for (const CheckRecord* record : records)
    update(*record);
}

std::optional<Due> Schedule::next() const {
  if (queue_.empty()) return std::nullopt;
  const auto& [at, id] = *queue_.begin();
  return Due{id, at, queued_.at(id).second};
}

std::vector<Due> Schedule::pop_due(Timestamp now, std::size_t max_checks) {
  std::vector<Due> due;
  while (!queue_.empty() && queue_.begin()->first <= now && due.size() < max_checks) {
    auto node = queue_.extract(queue_.begin());
    auto it = queued_.find(node.value().second);
    due.push_back(Due{node.value().second, node.value().first, it->second.second});
    queued_.erase(it);
  }
  return due;
}

}  // namespace nyxmon::projections
