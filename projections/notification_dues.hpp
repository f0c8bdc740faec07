// notification_dues.hpp — when each check's notifiers are next owed
// something with no new fact about it (a notify_after over, an escalation
// or a reminder due, an acknowledgement expiring): the timetable the
// engine's notification clock and what-if's simulation both keep, so that
// both decide DecideNotifications at the same instants.
//
// note() each appended event; refresh() looks again at the checks whose
// events may change what they are owed (their status, what they were told,
// an acknowledgement, flapping, their definition), or at every check after
// a notifier changed or before the first refresh; results alone cost
// nothing. Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "domain/events/event.hpp"
#include "domain/state/engine_state.hpp"

namespace nyxmon::projections {

class NotificationDues {
 public:
  void note(const domain::Event& event);
  // Looks again at what note() marked, in `state` as it is at `now`.
  void refresh(const domain::EngineStateView& state, domain::Timestamp now);
  // Takes the checks due at or before `now`, soonest first, with when.
  std::vector<std::pair<domain::Timestamp, domain::CheckId>> take_due(domain::Timestamp now);
  std::optional<domain::Timestamp> next() const;

 private:
  void look_at(const domain::EngineStateView& state, const domain::CheckId& check,
               domain::Timestamp now);

  bool look_at_all_ = true;
  std::set<domain::CheckId> changed_;
  std::set<std::pair<domain::Timestamp, domain::CheckId>> due_;
  std::map<domain::CheckId, domain::Timestamp> due_of_;
};

}  // namespace nyxmon::projections
