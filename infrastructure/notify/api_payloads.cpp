// The payloads of the notifier kinds that speak a service's own API
// (declared in webhook_payload.hpp, where each is summed up). Each follows
// the request its service documents; values from the data are escaped for
// the kind (chat_escaping.hpp).
#include <boost/json.hpp>

#include "domain/model/time_text.hpp"
#include "infrastructure/notify/chat_escaping.hpp"
#include "infrastructure/notify/webhook_payload.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;
namespace json = boost::json;

namespace {

bool is_problem(const NotificationRequested& notification) {
  return tells_of_problem(notification.kind);
}

// The one alert or incident a check has open at a time: PagerDuty and
// Opsgenie group every event of a problem under it, and a trigger after a
// resolve opens a new one.
std::string incident_key(const NotificationRequested& notification) {
  return "nyxmon-" + notification.check.value;
}

WebhookPayload telegram(const NotificationRequested& notification, const NotifierSpec& notifier,
                        const std::string& base, const std::string& secret) {
  const std::string text =
      "<b>" + escape_for_telegram(notification_title(notification)) + "</b>\n" +
      render_message(notification, notifier.message_template, escape_for_telegram);
  return {base + "/bot" + secret + "/sendMessage",
          "application/json",
          json::serialize(json::object{{"chat_id", notifier.recipient},
                                       {"text", text},
                                       {"parse_mode", "HTML"},
                                       {"disable_web_page_preview", true}}),
          {}};
}

std::string_view pagerduty_severity(const NotificationRequested& notification) {
  if (!is_problem(notification)) return "info";
  return notification.status == Status::kDegraded ? "warning" : "critical";
}

WebhookPayload pagerduty(const NotificationRequested& notification, const NotifierSpec& notifier,
                         const std::string& base, const std::string& secret) {
  json::object event{{"routing_key", secret}, {"dedup_key", incident_key(notification)}};
  if (notification.kind == NotificationKind::kResolved) {
    event["event_action"] = "resolve";
  } else {
    event["event_action"] = "trigger";
    std::string summary = render_message(notification, notifier.message_template);
    if (summary.size() > 1024) summary.resize(1024);  // the API's limit
    event["payload"] =
        json::object{{"summary", summary},
                     {"source", "nyxmon"},
                     {"severity", pagerduty_severity(notification)},
                     {"timestamp", format_timestamp(notification.status_since)},
                     {"component", notification.check.value},
                     {"group", notification.service.value},
                     {"class", to_string(notification.kind)},
                     {"custom_details", json::object{{"status", to_string(notification.status)},
                                                     {"reason", notification.reason},
                                                     {"notification", notification.notification}}}};
  }
  return {base + "/v2/enqueue", "application/json", json::serialize(event), {}};
}

WebhookPayload opsgenie(const NotificationRequested& notification, const NotifierSpec& notifier,
                        const std::string& base, const std::string& secret) {
  const std::string message = render_message(notification, notifier.message_template);
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Authorization", "GenieKey " + secret}};
  if (notification.kind == NotificationKind::kResolved) {
    return {base + "/v2/alerts/" + incident_key(notification) + "/close?identifierType=alias",
            "application/json",
            json::serialize(json::object{{"source", "nyxmon"}, {"note", message}}), headers};
  }
  std::string title = notification_title(notification);
  if (title.size() > 130) title.resize(130);  // the API's limit for a message
  return {base + "/v2/alerts", "application/json",
          json::serialize(json::object{
              {"message", title},
              {"alias", incident_key(notification)},
              {"description", message},
              {"priority", notification.status == Status::kDown ? "P1" : "P3"},
              {"source", "nyxmon"},
              {"entity", notification.check.value},
              {"tags", json::array{"nyxmon", json::string(notification.service.value)}},
              {"details", json::object{{"status", to_string(notification.status)},
                                       {"kind", to_string(notification.kind)},
                                       {"since", format_timestamp(notification.status_since)}}}}),
          headers};
}

WebhookPayload teams(const NotificationRequested& notification, const NotifierSpec& notifier,
                     const std::string& base) {
  const bool problem = is_problem(notification);
  const json::object card{
      {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
      {"type", "AdaptiveCard"},
      {"version", "1.4"},
      {"body",
       json::array{
           json::object{{"type", "TextBlock"},
                        {"text", escape_for_discord(notification_title(notification))},
                        {"weight", "Bolder"},
                        {"size", "Medium"},
                        {"color", problem                                            ? "Attention"
                                  : notification.kind == NotificationKind::kResolved ? "Good"
                                                                                     : "Default"},
                        {"wrap", true}},
           json::object{{"type", "TextBlock"},
                        {"text", render_message(notification, notifier.message_template,
                                                escape_for_discord)},
                        {"wrap", true}},
           json::object{
               {"type", "FactSet"},
               {"facts",
                json::array{
                    json::object{{"title", "Check"}, {"value", notification.check.value}},
                    json::object{{"title", "Service"}, {"value", notification.service.value}},
                    json::object{{"title", "Status"}, {"value", to_string(notification.status)}},
                    json::object{{"title", "Since"},
                                 {"value", format_timestamp(notification.status_since)}}}}}}}};
  return {base,
          "application/json",
          json::serialize(json::object{
              {"type", "message"},
              {"attachments",
               json::array{json::object{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                        {"contentUrl", nullptr},
                                        {"content", card}}}}}),
          {}};
}

WebhookPayload gotify(const NotificationRequested& notification, const NotifierSpec& notifier,
                      const std::string& base, const std::string& secret) {
  return {base + "/message",
          "application/json",
          json::serialize(
              json::object{{"title", notification_title(notification)},
                           {"message", render_message(notification, notifier.message_template)},
                           {"priority", is_problem(notification) ? 8 : 4}}),
          {{"X-Gotify-Key", secret}}};
}

WebhookPayload pushover(const NotificationRequested& notification, const NotifierSpec& notifier,
                        const std::string& base, const std::string& secret) {
  return {base + "/1/messages.json",
          "application/json",
          json::serialize(
              json::object{{"token", secret},
                           {"user", notifier.recipient},
                           {"title", notification_title(notification)},
                           {"message", render_message(notification, notifier.message_template)},
                           {"priority", is_problem(notification) ? 1 : 0},
                           {"timestamp", std::chrono::duration_cast<std::chrono::seconds>(
                                             notification.status_since.time_since_epoch())
                                             .count()}}),
          {}};
}

}  // namespace

WebhookPayload build_api_payload(const NotificationRequested& notification,
                                 const NotifierSpec& notifier, const std::string& base,
                                 const std::string& secret) {
  switch (notifier.kind) {
    case NotifierKind::kTelegram:
      return telegram(notification, notifier, base, secret);
    case NotifierKind::kPagerDuty:
      return pagerduty(notification, notifier, base, secret);
    case NotifierKind::kOpsgenie:
      return opsgenie(notification, notifier, base, secret);
    case NotifierKind::kTeams:
      return teams(notification, notifier, base);
    case NotifierKind::kGotify:
      return gotify(notification, notifier, base, secret);
    case NotifierKind::kPushover:
      return pushover(notification, notifier, base, secret);
    default:
      return {base, "application/json", "{}", {}};
  }
}

}  // namespace nyxmon::infra::notify
