#include "domain/decisions/deciding.hpp"

#include "domain/model/bounded_text.hpp"

namespace nyxmon::domain::deciding {

void Deciding::notify(const CheckId& check, const NotificationInput& input) {
  const CheckRecord* record = state_.find_check(check);
  const auto requests =
      decide_notifications(record->notification, input, record->spec->notifiers,
                           [this](const NotifierId& id) { return state_.find_notifier(id); });
  if (requests.empty()) return;
  const Boxed<CheckSpec> held = record->spec;  // the record changes below; not the spec held
  const CheckSpec& spec = *held;
  const Timestamp since = record->status_since;
  const std::string reason = record->status_reason;
  for (const NotificationRequest& request : requests)
    tell(spec, request.notifier, request.kind, input.status, since, reason);
}

void Deciding::operator()(const DecideNotifications& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  end_expired_acknowledgement(c.check);
  notify(c.check, notification_input(*state_.find_check(c.check), now_));
}

void Deciding::tell(const CheckSpec& spec, const NotifierId& notifier, NotificationKind kind,
                    Status status, Timestamp since, const std::string& reason) {
  if (const SilenceRecord* silence = state_.silence_holding(spec, notifier, now_)) {
    emit(NotificationSilenced{notifier, spec.id, spec.service, kind, status, silence->spec.id});
    return;
  }
  const CheckRecord* record = state_.find_check(spec.id);
  const Timestamp problem_began = record && record->notification.problem_began != Timestamp{}
                                      ? record->notification.problem_began
                                      : since;
  emit(NotificationRequested{state_.next_notification_id(), notifier, spec.id, spec.service, kind,
                             status, since, reason, problem_began});
}

void Deciding::tell_maintenance(const CheckId& check, NotificationKind kind,
                                const std::string& what) {
  const CheckRecord* record = state_.find_check(check);
  const Boxed<CheckSpec> held = record->spec;  // the record changes below; not the spec held
  const CheckSpec& spec = *held;
  const Status status = record->state.status;
  const Timestamp since = record->status_since;
  for (const NotifierId& notifier : spec.notifiers) {
    const NotifierSpec* notifier_spec = state_.find_notifier(notifier);
    if (notifier_spec && notifier_spec->notify_on.has(NotifyOn::kMaintenance))
      tell(spec, notifier, kind, status, since, what);
  }
}

void Deciding::operator()(const DefineSilence& c) {
  if (auto problems = validate(c.spec, "silence"); !problems.empty()) return refuse(problems);
  if (c.spec.ends_at <= now_) {
    return reject(Error::invalid_argument(
        "silence " + quoted(c.spec.id.value) + " would be over before it began", "ends_at"));
  }
  SilenceSpec spec = c.spec;
  spec.comment = bounded_text(spec.comment, kMaxCommentBytes);
  emit(SilenceDefined{std::move(spec), bounded_text(c.by, kMaxNameBytes)});
}

void Deciding::operator()(const EndSilence& c) {
  const SilenceRecord* silence = state_.find_silence(c.silence);
  if (silence == nullptr) {
    return reject(Error::not_found("silence " + quoted(c.silence.value) + " is not defined",
                                   c.silence.value));
  }
  if (silence->ended_at || silence->spec.ends_at <= now_) {
    return reject(
        Error::conflict("silence " + quoted(c.silence.value) + " is over", c.silence.value));
  }
  const std::string by = bounded_text(c.by, kMaxNameBytes);
  emit(SilenceEnded{c.silence, by.empty() ? std::string("someone") : by});
}

void Deciding::operator()(const RecordNotificationAttempt& c) {
  if (c.delivered) {
    emit(NotificationDelivered{c.notification, c.notifier, c.attempt, c.http_status});
  } else {
    // The reason may quote what a receiver answered: bounded like a result's.
    const std::string reason = bounded_text(c.reason, kMaxReasonBytes);
    emit(NotificationFailed{c.notification, c.notifier, c.attempt, reason,
                            c.retry_at.value_or(Timestamp{}), c.retry_at.has_value()});
    // No attempt follows: the people it was for will not be told, which
    // is a fact of its own, not just one more failure.
    if (!c.retry_at) {
      emit(NotificationAbandoned{c.notification, c.notifier, c.check, c.kind, c.attempt, reason});
    }
  }
}

}  // namespace nyxmon::domain::deciding
