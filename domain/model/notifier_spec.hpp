// notifier_spec.hpp — where notifications go (a webhook, with presets for
// Slack-compatible, Discord and ntfy payloads, the APIs of Telegram,
// PagerDuty, Opsgenie, Microsoft Teams, Gotify and Pushover, and email
// through an SMTP server), where its
// secret is read from, and what a notifier is told:
// which events (notify_on), after how long a problem (notify_after), how
// often reminded (remind_every), and whom a problem left unacknowledged is
// escalated to (escalate_to after escalate_after).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/model/ids.hpp"
#include "domain/model/mail_server.hpp"
#include "domain/model/notify_on.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/secret_source.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

enum class NotifierKind : std::uint8_t {
  kWebhook = 0,
  kSlack = 1,
  kDiscord = 2,
  kNtfy = 3,
  kTelegram = 4,   // Bot API sendMessage; secret: the bot token, recipient: the chat id
  kPagerDuty = 5,  // Events API v2; secret: the routing (integration) key
  kOpsgenie = 6,   // Alert API; secret: the API key
  kTeams = 7,      // a Teams workflow webhook, an Adaptive Card
  kGotify = 8,     // url: the server; secret: an application token
  kPushover = 9,   // secret: the application token, recipient: the user or group key
  kEmail = 10,     // smtp: the server, from, to; no url
};

inline constexpr NotifierKind kEveryNotifierKind[] = {
    NotifierKind::kWebhook,  NotifierKind::kSlack,    NotifierKind::kDiscord,
    NotifierKind::kNtfy,     NotifierKind::kTelegram, NotifierKind::kPagerDuty,
    NotifierKind::kOpsgenie, NotifierKind::kTeams,    NotifierKind::kGotify,
    NotifierKind::kPushover, NotifierKind::kEmail};

// Whether `kind` has an API address of its own, so that `url` may be left
// out (Telegram, PagerDuty, Opsgenie, Pushover).
bool has_default_url(NotifierKind kind);

std::string_view to_string(NotifierKind kind);
std::optional<NotifierKind> parse_notifier_kind(std::string_view text);

// max_attempts: deliveries tried before a notification is given up.
inline constexpr NumberRange kDeliveryAttemptsRange{1, 100};

struct NotifierSpec {
  NotifierId id;
  NotifierKind kind = NotifierKind::kWebhook;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  // The message text; {check}, {service}, {status}, {reason}, {kind} and
  // {since} are replaced. Empty: the built-in message.
  std::string message_template;
  int max_attempts = 5;
  NotifyOnSet notify_on;
  // A problem is told only once it has lasted this long; one that clears
  // sooner is never told, nor its recovery. Zero: at once.
  Duration notify_after{0};
  // Reminders of a problem told and not acknowledged, for checks that set
  // no remind_every of their own.
  std::optional<Duration> remind_every;
  // A problem this notifier was told of, unacknowledged escalate_after
  // after it began, is told to escalate_to as well.
  std::optional<NotifierId> escalate_to;
  Duration escalate_after{0};
  // The token or key the kind's API wants; also replaces {secret} in `url`
  // and in header values, for any kind.
  std::optional<SecretSource> secret;
  // Telegram: the chat id; Pushover: the user or group key.
  std::string recipient;
  // Email: the SMTP server that takes the messages, the sender and the
  // recipients.
  std::optional<MailServer> smtp;
  std::string mail_from;
  std::vector<std::string> mail_to;

  bool operator==(const NotifierSpec&) const = default;
  static constexpr std::uint16_t kSchema = 4;
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema<kSchema>(archive);
  }
  // The fields definitions of schema `Schema` carried: 2 added the
  // notification policy, 3 the secret and the recipient, 4 email's fields.
  template <std::uint16_t Schema, class Archive>
  void serialize_schema(Archive& archive) {
    archive(id, kind, url, headers, message_template, max_attempts);
    if constexpr (Schema >= 2)
      archive(notify_on, notify_after, remind_every, escalate_to, escalate_after);
    if constexpr (Schema >= 3) archive(secret, recipient);
    if constexpr (Schema >= 4) archive(smtp, mail_from, mail_to);
  }
};

ValidationProblems validate(const NotifierSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
