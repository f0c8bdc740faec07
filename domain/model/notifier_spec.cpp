#include "domain/model/notifier_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

std::string_view to_string(NotifierKind kind) {
  switch (kind) {
    case NotifierKind::kWebhook:
      return "webhook";
    case NotifierKind::kSlack:
      return "slack";
    case NotifierKind::kDiscord:
      return "discord";
    case NotifierKind::kNtfy:
      return "ntfy";
  }
  return "webhook";
}

std::optional<NotifierKind> parse_notifier_kind(std::string_view text) {
  for (auto kind : {NotifierKind::kWebhook, NotifierKind::kSlack, NotifierKind::kDiscord,
                    NotifierKind::kNtfy}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

ValidationProblems validate(const NotifierSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  if (!spec.url.starts_with("http://") && !spec.url.starts_with("https://")) {
    problems.push_back(
        {path + ".url", spec.url.empty() ? "is missing; give the http:// or https:// URL to POST to"
                                         : "'" + spec.url + "' is not an http:// or https:// URL"});
  }
  require_in(spec.max_attempts, kDeliveryAttemptsRange, path + ".max_attempts", problems);
  if (spec.notify_after < Duration::zero())
    problems.push_back({path + ".notify_after", "must not be negative"});
  require_positive(spec.remind_every, path + ".remind_every", problems);
  if (spec.escalate_to) {
    if (*spec.escalate_to == spec.id)
      problems.push_back({path + ".escalate_to", "a notifier cannot escalate to itself"});
    if (spec.escalate_after <= Duration::zero()) {
      problems.push_back(
          {path + ".escalate_after", "is missing; say how long a problem may go unacknowledged"});
    }
  } else if (spec.escalate_after != Duration::zero()) {
    problems.push_back({path + ".escalate_to", "is missing; name the notifier to escalate to"});
  }
  return problems;
}

}  // namespace nyxmon::domain
