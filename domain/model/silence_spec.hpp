// silence_spec.hpp — a silence (Alertmanager's idea): for a while,
// notifications that match are held, not delivered, and statuses are left
// alone. Matchers are key=value pairs on the notification: check, service,
// kind (of probe) and notifier; all of a silence's must match. A held
// notification is recorded (NotificationSilenced) and counts as told: it is
// not delivered later, and reminders resume once the silence is over.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/check_spec.hpp"
#include "domain/model/ids.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct SilenceMatcher {
  std::string key;  // check, service, kind or notifier
  std::string value;

  bool operator==(const SilenceMatcher&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(key, value);
  }
};

// "service=shop" as a matcher; nullopt for text that is not KEY=VALUE.
std::optional<SilenceMatcher> parse_matcher(std::string_view text);

struct SilenceSpec {
  SilenceId id;
  std::vector<SilenceMatcher> matchers;
  Timestamp starts_at{};
  Timestamp ends_at{};
  std::string comment;

  bool operator==(const SilenceSpec&) const = default;
  // Whether a notification of `check` to `notifier` is one it holds
  // (regardless of time).
  bool matches(const CheckSpec& check, const NotifierId& notifier) const;
  bool active_at(Timestamp at) const { return starts_at <= at && at < ends_at; }
  template <class Archive>
  void serialize(Archive& archive) {
    archive(id, matchers, starts_at, ends_at, comment);
  }
};

// "service=shop, kind=http until 2026-12-02T20:00:00.000Z".
std::string describe(const SilenceSpec& spec);

ValidationProblems validate(const SilenceSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
