// webhook_payload.hpp — what a notifier sends for a notification: the
// message (the notifier's template, or the built-in wording for problems,
// resolutions and reminders) wrapped for its kind.
//
//   webhook  JSON: notification, kind, check, service, status, since, reason, message
//   slack    JSON {"text": message} (Slack and Mattermost incoming webhooks)
//   discord  JSON {"content": message, "allowed_mentions": ...}
//   ntfy     the message as a plain-text body, with Title, Priority and Tags headers
//
// Values from the data are escaped for the kind before they enter the
// message; the template's own text is sent as written (chat_escaping.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/events/notification_events.hpp"
#include "domain/model/notifier_spec.hpp"

namespace nyxmon::infra::notify {

// Escapes one value substituted into a template (escape_for_slack, ...).
using ValueEscaper = std::string (*)(std::string_view value);

// The message text: {check}, {service}, {status}, {reason}, {kind} and
// {since} of the template replaced by their values, each passed through
// `escape` when given; unknown placeholders stay as written.
std::string render_message(const domain::NotificationRequested& notification,
                           const std::string& message_template, ValueEscaper escape = nullptr);

struct WebhookPayload {
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the notifier's own
};

WebhookPayload build_payload(const domain::NotificationRequested& notification,
                             const domain::NotifierSpec& notifier);

}  // namespace nyxmon::infra::notify
