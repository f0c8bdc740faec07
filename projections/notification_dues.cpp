#include "projections/notification_dues.hpp"

#include <type_traits>

#include "domain/state/event_route.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {

// Whether `event` may change what its check's notifiers are owed.
bool changes_what_is_owed(const Event& event) {
  return std::visit(
      [](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        return std::is_same_v<T, CheckStatusChanged> || std::is_same_v<T, NotificationRequested> ||
               std::is_same_v<T, NotificationSilenced> || std::is_same_v<T, CheckAcknowledged> ||
               std::is_same_v<T, CheckAcknowledgementCleared> ||
               std::is_same_v<T, CheckFlappingStarted> || std::is_same_v<T, CheckFlappingStopped> ||
               std::is_same_v<T, CheckDefined> || std::is_same_v<T, CheckRedefined> ||
               std::is_same_v<T, CheckRemoved>;
      },
      event);
}

}  // namespace

void NotificationDues::note(const Event& event) {
  if (std::holds_alternative<NotifierDefined>(event) ||
      std::holds_alternative<NotifierRemoved>(event)) {
    look_at_all_ = true;
  } else if (changes_what_is_owed(event)) {
    if (const CheckId* check = check_named(event)) changed_.insert(*check);
  }
}

void NotificationDues::refresh(const EngineStateView& state, Timestamp now) {
  if (look_at_all_) {
    look_at_all_ = false;
    changed_.clear();
    for (const CheckId& check : state.check_ids())
      look_at(state, check, now);
  }
  for (const CheckId& check : changed_)
    look_at(state, check, now);
  changed_.clear();
}

std::vector<std::pair<Timestamp, CheckId>> NotificationDues::take_due(Timestamp now) {
  std::vector<std::pair<Timestamp, CheckId>> due;
  while (!due_.empty() && due_.begin()->first <= now) {
    due.push_back(*due_.begin());
    due_of_.erase(due_.begin()->second);
    due_.erase(due_.begin());
  }
  return due;
}

std::optional<Timestamp> NotificationDues::next() const {
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

void NotificationDues::look_at(const EngineStateView& state, const CheckId& check, Timestamp now) {
  if (auto it = due_of_.find(check); it != due_of_.end()) {
    due_.erase({it->second, check});
    due_of_.erase(it);
  }
  const CheckRecord* record = state.find_check(check);
  if (record == nullptr || record->removed || !record->notification.problem_open) return;
  auto due = next_notification_due(
      record->notification, notification_input(*record, now), record->spec->notifiers,
      [&state](const NotifierId& id) { return state.find_notifier(id); });
  // An acknowledgement that expires lets reminders and escalations go on.
  if (const auto& acknowledgement = record->acknowledgement;
      acknowledgement && acknowledgement->expires_at && *acknowledgement->expires_at > now &&
      (!due || *acknowledgement->expires_at < *due)) {
    due = acknowledgement->expires_at;
  }
  if (!due) return;
  due_.emplace(*due, check);
  due_of_.emplace(check, *due);
}

}  // namespace nyxmon::projections
