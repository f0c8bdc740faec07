// webhook_payload.hpp — what a notifier sends for a notification: the
// message (the notifier's template, or the built-in wording for problems,
// resolutions and reminders) wrapped for its kind.
//
//   webhook  JSON: notification, kind, check, service, status, since, reason, message
//   slack    JSON {"text": message} (Slack and Mattermost incoming webhooks)
//   discord  JSON {"content": message}
//   ntfy     the message as a plain-text body, with Title, Priority and Tags headers
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/events/notification_events.hpp"
#include "domain/model/notifier_spec.hpp"

namespace nyxmon::infra::notify {

// The message text: {check}, {service}, {status}, {reason}, {kind} and
// {since} of the template replaced; unknown placeholders stay as written.
std::string render_message(const domain::NotificationRequested& notification,
                           const std::string& message_template);

struct WebhookPayload {
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the notifier's own
};

WebhookPayload build_payload(const domain::NotificationRequested& notification,
                             const domain::NotifierSpec& notifier);

}  // namespace nyxmon::infra::notify
