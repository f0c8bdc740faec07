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

// What each notifier is owed, with when: decide_notifications() requests
// what is due, next_notification_due() says when the next comes due, both
// from the same list so that they cannot disagree.
class Owing {
 public:
  Owing(const NotificationState& state, const NotificationInput& input, const FindNotifier& find)
      : state_(state), input_(input), find_(find) {}

  struct Owed {
    NotificationRequest request;
    Timestamp due{};  // the epoch: at once
  };
  std::vector<Owed> take() { return std::move(owed_); }

  void flapping(const std::vector<NotifierId>& notifiers) {
    const bool started = input_.flapping_change == FlappingChange::kStarted;
    const NotifyOn on = started ? NotifyOn::kFlappingStarted : NotifyOn::kFlappingStopped;
    for (const NotifierId& id : notifiers) {
      const NotifierSpec* spec = find_(id);
      if (spec && spec->notify_on.has(on)) {
        owe(id, started ? NotificationKind::kFlappingStarted : NotificationKind::kFlappingStopped,
            kAtOnce);
      }
    }
  }

  // Resolutions owed to those told of the latest problem.
  void resolutions() {
    for (const ToldNotifier& told : state_.told) {
      if (told.problem_began != state_.problem_began) continue;
      const NotifierSpec* spec = find_(told.notifier);
      if (spec && spec->notify_on.has(NotifyOn::kRecovered))
        owe(told.notifier, NotificationKind::kResolved, kAtOnce);
    }
  }

  void problem(const std::vector<NotifierId>& notifiers) {
    for (const NotifierId& id : notifiers)
      visited_.insert(id);
    for (const NotifierId& id : notifiers) {
      const NotifierSpec* spec = find_(id);
      if (spec == nullptr) continue;
      const auto known_at =
          consider(*spec, state_.problem_began + spec->notify_after, NotificationKind::kProblem);
      if (known_at) escalate_from(*spec, *known_at);
    }
  }

 private:
  static constexpr Timestamp kAtOnce{};

  void owe(const NotifierId& notifier, NotificationKind kind, Timestamp due) {
    owed_.push_back({{notifier, kind}, due});
  }

  // What `spec` is owed of the problem: to be told of it (as `first`) at
  // `first_due`, of a new status of it at once, or reminded. Returns when
  // it knows (or will know) of the problem; nullopt when it never will.
  std::optional<Timestamp> consider(const NotifierSpec& spec, Timestamp first_due,
                                    NotificationKind first) {
    const auto on = notify_on_of(input_.status);
    const bool subscribed = on && spec.notify_on.has(*on);
    const ToldNotifier* told = state_.told_of_latest(spec.id);
    if (told == nullptr) {
      if (!subscribed) return std::nullopt;
      owe(spec.id, first, first_due);
      return first_due;
    }
    if (told->status != input_.status) {
      if (subscribed) owe(spec.id, NotificationKind::kProblem, kAtOnce);
      return told->at;
    }
    const auto every = input_.remind_every ? input_.remind_every : spec.remind_every;
    if (every && !input_.acknowledged) owe(spec.id, NotificationKind::kReminder, told->at + *every);
    return told->at;
  }

  // Follows `from`'s escalate_to, and theirs, each once: a notifier is
  // escalated to once the one before it knows and escalate_after has
  // passed since the problem began.
  void escalate_from(const NotifierSpec& from, Timestamp from_knows_at) {
    const NotifierSpec* source = &from;
    Timestamp source_knows_at = from_knows_at;
    while (source->escalate_to && visited_.insert(*source->escalate_to).second) {
      const NotifierSpec* target = find_(*source->escalate_to);
      if (target == nullptr) return;
      const bool known = state_.told_of_latest(target->id) != nullptr;
      // Not told yet: only while nobody has taken the problem on.
      if (!known && input_.acknowledged) return;
      const auto knows_at = consider(
          *target, std::max(source_knows_at, state_.problem_began + source->escalate_after),
          NotificationKind::kEscalation);
      if (!knows_at) return;
      source = target;
      source_knows_at = *knows_at;
    }
  }

  const NotificationState& state_;
  const NotificationInput& input_;
  const FindNotifier& find_;
  std::set<NotifierId> visited_;
  std::vector<Owed> owed_;
};

// Everything owed now or later to the check's notifiers.
std::vector<Owing::Owed> owed(const NotificationState& state, const NotificationInput& input,
                              const std::vector<NotifierId>& notifiers, const FindNotifier& find) {
  Owing owing(state, input, find);
  if (input.status == Status::kPaused) return {};
  if (input.flapping_change) owing.flapping(notifiers);
  if (input.flapping) return owing.take();
  if (input.status == Status::kUp && !state.problem_open) {
    owing.resolutions();
  } else if (is_problem(input.status) && state.problem_open) {
    owing.problem(notifiers);
  }
  return owing.take();
}

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
  std::vector<NotificationRequest> requests;
  for (const auto& one : owed(state, input, notifiers, find)) {
    if (one.due <= input.now) requests.push_back(one.request);
  }
  return requests;
}

std::optional<Timestamp> next_notification_due(const NotificationState& state,
                                               const NotificationInput& input,
                                               const std::vector<NotifierId>& notifiers,
                                               const FindNotifier& find) {
  if (!state.problem_open) return std::nullopt;  // the usual case, at once
  std::optional<Timestamp> next;
  for (const auto& one : owed(state, input, notifiers, find)) {
    if (one.due > input.now && (!next || one.due < *next)) next = one.due;
  }
  return next;
}

}  // namespace nyxmon::domain
