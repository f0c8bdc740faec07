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
    case NotifierKind::kTelegram:
      return "telegram";
    case NotifierKind::kPagerDuty:
      return "pagerduty";
    case NotifierKind::kOpsgenie:
      return "opsgenie";
    case NotifierKind::kTeams:
      return "teams";
    case NotifierKind::kGotify:
      return "gotify";
    case NotifierKind::kPushover:
      return "pushover";
    case NotifierKind::kEmail:
      return "email";
  }
  return "webhook";
}

std::optional<NotifierKind> parse_notifier_kind(std::string_view text) {
  for (auto kind : kEveryNotifierKind) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

bool has_default_url(NotifierKind kind) {
  return kind == NotifierKind::kTelegram || kind == NotifierKind::kPagerDuty ||
         kind == NotifierKind::kOpsgenie || kind == NotifierKind::kPushover;
}

namespace {

void validate_email(const NotifierSpec& spec, const std::string& path,
                    ValidationProblems& problems) {
  if (!spec.smtp)
    problems.push_back({path + ".smtp", "is missing; an email notifier needs its SMTP server"});
  else
    validate(*spec.smtp, MailProtocol::kSmtp, path + ".smtp", problems);
  if (!is_mail_address(spec.mail_from)) {
    problems.push_back({path + ".from", spec.mail_from.empty()
                                            ? "is missing; give the sender's address"
                                            : "'" + spec.mail_from + "' is not a mail address"});
  }
  if (spec.mail_to.empty())
    problems.push_back({path + ".to", "is missing; give one address or a list"});
  for (std::size_t i = 0; i < spec.mail_to.size(); ++i) {
    if (!is_mail_address(spec.mail_to[i])) {
      problems.push_back({path + ".to[" + std::to_string(i) + "]",
                          "'" + spec.mail_to[i] + "' is not a mail address"});
    }
  }
}

// What a kind needs besides the common fields: a secret, a recipient.
void validate_kind_needs(const NotifierSpec& spec, const std::string& path,
                         ValidationProblems& problems) {
  const std::string_view kind = to_string(spec.kind);
  const auto need_secret = [&](const char* what) {
    if (!spec.secret) {
      problems.push_back({path + ".secret", "is missing; a " + std::string(kind) +
                                                " notifier needs " + what +
                                                " (secret: { env: NAME } or { file: PATH })"});
    }
  };
  const auto need_recipient = [&](const char* what) {
    if (spec.recipient.empty()) {
      problems.push_back(
          {path + ".recipient", "is missing; a " + std::string(kind) + " notifier needs " + what});
    }
  };
  switch (spec.kind) {
    case NotifierKind::kTelegram:
      need_secret("the bot token");
      need_recipient("the chat id");
      break;
    case NotifierKind::kPagerDuty:
    case NotifierKind::kOpsgenie:
      need_secret(spec.kind == NotifierKind::kPagerDuty ? "the routing key" : "the API key");
      // An incident opens and closes; these notices would open one that
      // nothing closes.
      for (NotifyOn on : {NotifyOn::kFlappingStopped, NotifyOn::kMaintenance}) {
        if (spec.notify_on.has(on)) {
          problems.push_back({path + ".notify_on",
                              "a " + std::string(kind) + " notifier opens and closes incidents; '" +
                                  std::string(to_string(on)) + "' is not one it can take"});
        }
      }
      break;
    case NotifierKind::kGotify:
      need_secret("an application token");
      break;
    case NotifierKind::kPushover:
      need_secret("the application token");
      need_recipient("the user or group key");
      break;
    case NotifierKind::kEmail:
      validate_email(spec, path, problems);
      break;
    default:
      break;
  }
}

}  // namespace

ValidationProblems validate(const NotifierSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  if (spec.kind == NotifierKind::kEmail) {
    if (!spec.url.empty())
      problems.push_back({path + ".url", "is not for an email notifier; give smtp instead"});
  } else if (spec.url.empty() && has_default_url(spec.kind)) {
    // The kind's own API address.
  } else if (!spec.url.starts_with("http://") && !spec.url.starts_with("https://")) {
    problems.push_back(
        {path + ".url", spec.url.empty() ? "is missing; give the http:// or https:// URL to POST to"
                                         : "'" + spec.url + "' is not an http:// or https:// URL"});
  }
  if (spec.secret) validate(*spec.secret, path + ".secret", problems);
  validate_kind_needs(spec, path, problems);
  if (spec.kind != NotifierKind::kEmail &&
      (spec.smtp || !spec.mail_from.empty() || !spec.mail_to.empty())) {
    problems.push_back({path + ".smtp", "smtp, from and to are for email notifiers"});
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
