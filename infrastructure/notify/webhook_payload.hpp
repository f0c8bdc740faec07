// webhook_payload.hpp — what a notifier sends for a notification: the
// message (the notifier's template, or the built-in wording for problems,
// resolutions and reminders) wrapped for its kind, and where it goes.
//
//   webhook    JSON: notification, kind, check, service, status, since, reason, message
//   slack      JSON {"text": message} (Slack and Mattermost incoming webhooks)
//   discord    JSON {"content": message, "allowed_mentions": ...}
//   ntfy       the message as a plain-text body, with Title, Priority and Tags headers
//   telegram   POST <url>/bot<secret>/sendMessage {chat_id, text (HTML), parse_mode}
//   pagerduty  POST <url>/v2/enqueue, Events API v2: trigger, or resolve on
//              recovery, dedup_key "nyxmon-<check>" (one incident per problem)
//   opsgenie   POST <url>/v2/alerts (alias "nyxmon-<check>"), or on recovery
//              POST <url>/v2/alerts/nyxmon-<check>/close?identifierType=alias;
//              Authorization: GenieKey <secret>
//   teams      a workflow webhook's message with one Adaptive Card
//   gotify     POST <url>/message {title, message, priority}; X-Gotify-Key: <secret>
//   pushover   POST <url>/1/messages.json {token: <secret>, user: recipient, title, message}
//
// The default <url> of telegram, pagerduty, opsgenie and pushover is the
// service's own API (kDefaultApiUrl); tests point them at loopback.
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
  std::string url;  // where to POST, {secret} replaced
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the notifier's own
};

// The API address a kind uses when its notifier gives no url; empty for
// kinds that need one.
std::string_view default_api_url(domain::NotifierKind kind);

// `secret`: the notifier's secret as read now (empty when it has none).
WebhookPayload build_payload(const domain::NotificationRequested& notification,
                             const domain::NotifierSpec& notifier, const std::string& secret = {});

// The title the API kinds show: "nyxmon: shop-db is down".
std::string notification_title(const domain::NotificationRequested& notification);

// The payloads of the API kinds (api_payloads.cpp): telegram, pagerduty,
// opsgenie, teams, gotify, pushover. `base` is the notifier's url or the
// kind's default, without a trailing '/'.
WebhookPayload build_api_payload(const domain::NotificationRequested& notification,
                                 const domain::NotifierSpec& notifier, const std::string& base,
                                 const std::string& secret);

}  // namespace nyxmon::infra::notify
