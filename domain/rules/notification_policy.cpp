#include "domain/rules/notification_policy.hpp"

#include <algorithm>
#include <set>

namespace nyxmon::domain {
namespace {

std::optional<NotifyOn> notify_on_of(Status problem) {
  if (problem == Status::kDown) return NotifyOn::kDown;
  if (problem == Status::kDegraded) return NotifyOn::kDegraded;
  return std::nullopt;
}

class Deciding {
 public:
  Deciding(const NotificationState& state, const NotificationInput& input, const FindNotifier& find)
      : state_(state), input_(input), find_(find) {}

  std::vector<NotificationRequest> take() { return std::move(requests_); }

  void flapping(const std::vector<NotifierId>& notifiers) {
    const bool started = input_.flapping_change == FlappingChange::kStarted;
    const NotifyOn on = started ? NotifyOn::kFlappingStarted : NotifyOn::kFlappingStopped;
    for (const NotifierId& id : notifiers) {
      const NotifierSpec* spec = find_(id);
      if (spec && spec->notify_on.has(on)) {
        requests_.push_back({id, started ? NotificationKind::kFlappingStarted
                                         : NotificationKind::kFlappingStopped});
      }
    }
  }

  // Resolutions owed to those told of the latest problem.
  void resolutions() {
    for (const ToldNotifier& told : state_.told) {
      if (told.problem_began != state_.problem_began) continue;
      const NotifierSpec* spec = find_(told.notifier);
      if (spec && spec->notify_on.has(NotifyOn::kRecovered))
        requests_.push_back({told.notifier, NotificationKind::kResolved});
    }
  }

  void problem(const std::vector<NotifierId>& notifiers) {
    for (const NotifierId& id : notifiers)
      visited_.insert(id);
    for (const NotifierId& id : notifiers) {
      const NotifierSpec* spec = find_(id);
      if (spec == nullptr) continue;
      const bool told = tell(*spec, spec->notify_after, NotificationKind::kProblem);
      if (told) escalate_from(*spec);
    }
  }

 private:
  Duration since_problem_began() const { return input_.now - state_.problem_began; }

  // Tells `spec` of the problem once it has lasted `after`, of a new status
  // of it, or reminds it; whether it knows of the problem now.
  bool tell(const NotifierSpec& spec, Duration after, NotificationKind first) {
    const auto on = notify_on_of(input_.status);
    const bool subscribed = on && spec.notify_on.has(*on);
    const ToldNotifier* told = state_.told_of_latest(spec.id);
    if (told == nullptr) {
      if (!subscribed || since_problem_began() < after) return false;
      requests_.push_back({spec.id, first});
      return true;
    }
    if (told->status != input_.status) {
      if (subscribed) requests_.push_back({spec.id, NotificationKind::kProblem});
      return true;
    }
    const auto every = input_.remind_every ? input_.remind_every : spec.remind_every;
    if (every && !input_.acknowledged && input_.now - told->at >= *every)
      requests_.push_back({spec.id, NotificationKind::kReminder});
    return true;
  }

  // Follows `from`'s escalate_to, and theirs, each once.
  void escalate_from(const NotifierSpec& from) {
    const NotifierSpec* source = &from;
    while (source->escalate_to && visited_.insert(*source->escalate_to).second) {
      const NotifierSpec* target = find_(*source->escalate_to);
      if (target == nullptr) return;
      const bool known = state_.told_of_latest(target->id) != nullptr;
      // Not told yet: only while nobody has taken the problem on.
      if (!known && input_.acknowledged) return;
      if (!tell(*target, source->escalate_after, NotificationKind::kEscalation)) return;
      source = target;
    }
  }

  const NotificationState& state_;
  const NotificationInput& input_;
  const FindNotifier& find_;
  std::set<NotifierId> visited_;
  std::vector<NotificationRequest> requests_;
};

}  // namespace

const ToldNotifier* NotificationState::told_of_latest(const NotifierId& notifier) const {
  auto it = std::ranges::find(told, notifier, &ToldNotifier::notifier);
  if (it == told.end() || it->problem_began != problem_began) return nullptr;
  return &*it;
}

void NotificationState::status_changed(Status to, Timestamp at) {
  if (is_problem(to) && !problem_open) {
    problem_open = true;
    problem_began = at;
  } else if (!is_failing(to)) {
    problem_open = false;
  }
}

void NotificationState::notified(const NotifierId& notifier, NotificationKind kind, Status status,
                                 Timestamp at) {
  auto it = std::ranges::lower_bound(told, notifier, {}, &ToldNotifier::notifier);
  const bool found = it != told.end() && it->notifier == notifier;
  if (kind == NotificationKind::kResolved) {
    if (found) told.erase(it);
    return;
  }
  if (!tells_of_problem(kind)) return;
  if (!found) it = told.insert(it, ToldNotifier{notifier});
  if (kind != NotificationKind::kReminder || it->problem_began != problem_began) {
    it->status = status;
    it->problem_began = problem_began;
  }
  it->at = at;
}

std::vector<NotificationRequest> decide_notifications(const NotificationState& state,
                                                      const NotificationInput& input,
                                                      const std::vector<NotifierId>& notifiers,
                                                      const FindNotifier& find) {
  if (input.status == Status::kPaused) return {};
  Deciding deciding(state, input, find);
  if (input.flapping_change) deciding.flapping(notifiers);
  if (input.flapping) return deciding.take();
  if (input.status == Status::kUp && !state.problem_open) {
    deciding.resolutions();
  } else if (is_problem(input.status) && state.problem_open) {
    deciding.problem(notifiers);
  }
  return deciding.take();
}

}  // namespace nyxmon::domain
