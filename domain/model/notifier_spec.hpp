// notifier_spec.hpp — where notifications go: a webhook, with presets for
// Slack-compatible, Discord and ntfy payloads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/model/ids.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

enum class NotifierKind : std::uint8_t { kWebhook = 0, kSlack = 1, kDiscord = 2, kNtfy = 3 };

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

  bool operator==(const NotifierSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(id, kind, url, headers, message_template, max_attempts);
  }
};

ValidationProblems validate(const NotifierSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
