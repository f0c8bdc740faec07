#include "domain/decisions/deciding.hpp"

#include "domain/model/bounded_text.hpp"

namespace nyxmon::domain::deciding {

void Deciding::end_acknowledgement_on_change(const CheckId& check, Status from, Status to) {
  const CheckRecord* record = state_.find_check(check);
  if (!record->acknowledgement) return;
  if (!record->acknowledgement->sticky) {
    emit(CheckAcknowledgementCleared{check,
                                     "the status changed (" + std::string(to_string(from)) + " → " +
                                         std::string(to_string(to)) + ")",
                                     ""});
  } else if (!is_failing(to)) {
    emit(CheckAcknowledgementCleared{check, "the check is " + std::string(to_string(to)) + " now",
                                     ""});
  }
}

void Deciding::end_expired_acknowledgement(const CheckId& check) {
  const CheckRecord* record = state_.find_check(check);
  if (record->acknowledgement && record->acknowledgement->expires_at &&
      *record->acknowledgement->expires_at <= now_) {
    emit(CheckAcknowledgementCleared{check, "it expired", ""});
  }
}

void Deciding::operator()(const AcknowledgeCheck& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  const Status status = record->state.status;
  if (!is_problem(status)) {
    return reject(Error::conflict("check " + quoted(c.check.value) + " is " +
                                      std::string(to_string(status)) +
                                      ": there is no problem to acknowledge",
                                  c.check.value));
  }
  if (c.expires_after && *c.expires_after <= Duration::zero()) {
    return reject(
        Error::invalid_argument("an acknowledgement must expire in the future", "expires"));
  }
  std::optional<Timestamp> expires_at;
  if (c.expires_after) expires_at = now_ + *c.expires_after;
  emit(CheckAcknowledged{c.check, status, bounded_text(c.by, kMaxNameBytes),
                         bounded_text(c.comment, kMaxCommentBytes), c.sticky, expires_at});
}

void Deciding::operator()(const ClearAcknowledgement& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (!record->acknowledgement) {
    return reject(
        Error::conflict("check " + quoted(c.check.value) + " is not acknowledged", c.check.value));
  }
  const std::string by = bounded_text(c.by, kMaxNameBytes);
  emit(CheckAcknowledgementCleared{c.check, by.empty() ? "cleared" : "cleared by " + by,
                                   by.empty() ? std::string("someone") : by});
}

}  // namespace nyxmon::domain::deciding
