// notification_events.hpp — people being told: requested by the policy,
// then delivered or failed per attempt, and abandoned when the notifier's
// attempts are spent; in stream notify-<notifier> (tags 60-79).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model/ids.hpp"
#include "domain/rules/notification_policy.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct NotificationRequested {
  static constexpr std::uint32_t kTag = 60;
  static constexpr std::uint16_t kSchemaVersion = 2;  // 2: problem_began
  static constexpr std::string_view kName = "NotificationRequested";
  NotificationId notification = 0;
  NotifierId notifier;
  CheckId check;
  ServiceId service;
  NotificationKind kind = NotificationKind::kProblem;
  Status status = Status::kDown;
  Timestamp status_since{};
  std::string reason;
  // When the problem told of (or, for a resolution, resolved) began: what
  // threads an incident's messages together. A notification of schema 1
  // reads its status_since here.
  Timestamp problem_began{};
  bool operator==(const NotificationRequested&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema1(archive);
    archive(problem_began);
  }
  template <class Archive>
  void serialize_schema1(Archive& archive) {
    archive(notification, notifier, check, service, kind, status, status_since, reason);
  }
};

// Schema 1 of NotificationRequested: without problem_began.
struct NotificationRequestedV1 {
  static constexpr std::uint32_t kTag = NotificationRequested::kTag;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = NotificationRequested::kName;
  NotificationRequested current;
  template <class Archive>
  void serialize(Archive& archive) {
    current.serialize_schema1(archive);
  }
};

// A notification a silence held: decided like a NotificationRequested (and
// counted as told), but not delivered.
struct NotificationSilenced {
  static constexpr std::uint32_t kTag = 64;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "NotificationSilenced";
  NotifierId notifier;
  CheckId check;
  ServiceId service;
  NotificationKind kind = NotificationKind::kProblem;
  Status status = Status::kDown;
  SilenceId silence;
  bool operator==(const NotificationSilenced&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notifier, check, service, kind, status, silence);
  }
};

struct NotificationDelivered {
  static constexpr std::uint32_t kTag = 61;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "NotificationDelivered";
  NotificationId notification = 0;
  NotifierId notifier;
  std::uint32_t attempt = 1;
  int http_status = 0;
  bool operator==(const NotificationDelivered&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notification, notifier, attempt, http_status);
  }
};

struct NotificationFailed {
  static constexpr std::uint32_t kTag = 62;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "NotificationFailed";
  NotificationId notification = 0;
  NotifierId notifier;
  std::uint32_t attempt = 1;
  std::string reason;
  Timestamp retry_at{};  // when the next attempt is due; epoch when given up
  bool will_retry = false;
  bool operator==(const NotificationFailed&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notification, notifier, attempt, reason, retry_at, will_retry);
  }
};

// Delivery was given up: the last attempt failed and no other will be made
// (the notifier's max_attempts are spent, or the notifier is gone). Decided
// with that attempt's NotificationFailed, which it follows; carries the check
// and kind so that the incident concerned can say its people were not told.
// Logs written before this event existed end such a delivery with the
// NotificationFailed alone (will_retry false).
struct NotificationAbandoned {
  static constexpr std::uint32_t kTag = 63;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "NotificationAbandoned";
  NotificationId notification = 0;
  NotifierId notifier;
  CheckId check;
  NotificationKind kind = NotificationKind::kProblem;
  std::uint32_t attempts = 0;  // made in all
  std::string last_reason;     // why the last one failed
  bool operator==(const NotificationAbandoned&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notification, notifier, check, kind, attempts, last_reason);
  }
};

}  // namespace nyxmon::domain
