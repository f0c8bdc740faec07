#include "infrastructure/notify/webhook_payload.hpp"

#include <boost/json.hpp>

#include "domain/model/time_text.hpp"
#include "infrastructure/notify/chat_escaping.hpp"
#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;

namespace {

std::string default_template(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::kProblem:
      return "{check} ({service}) is {status}: {reason}";
    case NotificationKind::kResolved:
      return "resolved: {check} ({service}) is {status} again since {since}";
    case NotificationKind::kReminder:
      return "reminder: {check} ({service}) is still {status} since {since}: {reason}";
    case NotificationKind::kEscalation:
      return "escalated, nobody has acknowledged it: {check} ({service}) is {status} since "
             "{since}: {reason}";
    case NotificationKind::kFlappingStarted:
      return "{check} ({service}) is flapping; no problems or recoveries are told until it "
             "settles ({status} now)";
    case NotificationKind::kFlappingStopped:
      return "{check} ({service}) stopped flapping; it is {status}";
    case NotificationKind::kMaintenanceStarted:
    case NotificationKind::kMaintenanceEnded:
      return "{check} ({service}): {reason}; it is {status}";
  }
  return "{check} is {status}";
}

}  // namespace

std::string render_message(const NotificationRequested& notification,
                           const std::string& message_template, ValueEscaper escape) {
  const std::string& text =
      message_template.empty() ? default_template(notification.kind) : message_template;
  const std::pair<std::string_view, std::string> values[] = {
      {"{check}", notification.check.value},
      {"{service}", notification.service.value},
      {"{status}", std::string(to_string(notification.status))},
      {"{reason}", notification.reason.empty() ? "no reason given" : notification.reason},
      {"{kind}", std::string(to_string(notification.kind))},
      {"{since}", format_timestamp(notification.status_since)}};
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [placeholder, value] : values) {
        if (std::string_view(text).substr(i, placeholder.size()) == placeholder) {
          out += escape ? escape(value) : value;
          i += placeholder.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string_view default_api_url(NotifierKind kind) {
  switch (kind) {
    case NotifierKind::kTelegram:
      return "https://api.telegram.org";
    case NotifierKind::kPagerDuty:
      return "https://events.pagerduty.com";
    case NotifierKind::kOpsgenie:
      return "https://api.opsgenie.com";
    case NotifierKind::kPushover:
      return "https://api.pushover.net";
    default:
      return "";
  }
}

std::string notification_title(const NotificationRequested& notification) {
  return "nyxmon: " + notification.check.value + " is " +
         std::string(to_string(notification.status));
}

WebhookPayload build_payload(const NotificationRequested& notification,
                             const NotifierSpec& notifier, const std::string& secret) {
  std::string base = system::with_secret(
      notifier.url.empty() ? std::string(default_api_url(notifier.kind)) : notifier.url, secret);
  WebhookPayload payload;
  payload.url = base;
  payload.content_type = "application/json";
  switch (notifier.kind) {
    case NotifierKind::kWebhook: {
      const std::string message = render_message(notification, notifier.message_template);
      payload.body = boost::json::serialize(
          boost::json::object{{"notification", notification.notification},
                              {"kind", to_string(notification.kind)},
                              {"check", notification.check.value},
                              {"service", notification.service.value},
                              {"status", to_string(notification.status)},
                              {"since", format_timestamp(notification.status_since)},
                              {"reason", notification.reason},
                              {"message", message}});
      break;
    }
    case NotifierKind::kSlack:
      payload.body = boost::json::serialize(boost::json::object{
          {"text", render_message(notification, notifier.message_template, escape_for_slack)}});
      break;
    case NotifierKind::kDiscord:
      payload.body = boost::json::serialize(boost::json::object{
          {"content", render_message(notification, notifier.message_template, escape_for_discord)},
          {"allowed_mentions", discord_allowed_mentions(notifier.message_template)}});
      break;
    case NotifierKind::kNtfy: {
      payload.content_type = "text/plain; charset=utf-8";
      payload.body = render_message(notification, notifier.message_template);
      const bool problem = tells_of_problem(notification.kind);
      payload.headers = {
          {"Title", ntfy_header_value(notification_title(notification))},
          {"Priority", problem ? "high" : "default"},
          {"Tags", problem                                            ? "rotating_light"
                   : notification.kind == NotificationKind::kResolved ? "white_check_mark"
                                                                      : "information_source"}};
      break;
    }
    default: {
      while (base.ends_with('/'))
        base.pop_back();
      payload = build_api_payload(notification, notifier, base, secret);
      break;
    }
  }
  for (auto& [name, value] : payload.headers)
    value = system::with_secret(std::move(value), secret);
  return payload;
}

}  // namespace nyxmon::infra::notify
