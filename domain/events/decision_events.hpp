// decision_events.hpp — what the rules decided from results: status changes
// of checks and services, flapping, and the acknowledgements of problems
// that people make and the rules end (tags 40-59).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/ids.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct CheckStatusChanged {
  static constexpr std::uint32_t kTag = 40;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckStatusChanged";
  CheckId check;
  Status from = Status::kPending;
  Status to = Status::kPending;
  RunId cause_run = 0;  // 0 when not caused by a run (paused, resumed, heartbeat deadline)
  // The rule that fired: "3rd consecutive fail ≥ failure_threshold 3 → down".
  std::string rule;
  // The result's reason that tipped it: "connection refused by 127.0.0.1:8081".
  std::string reason;
  bool operator==(const CheckStatusChanged&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, from, to, cause_run, rule, reason);
  }
};

struct CheckFlappingStarted {
  static constexpr std::uint32_t kTag = 41;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckFlappingStarted";
  CheckId check;
  double percent_state_change = 0;
  bool operator==(const CheckFlappingStarted&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, percent_state_change);
  }
};

struct CheckFlappingStopped {
  static constexpr std::uint32_t kTag = 42;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckFlappingStopped";
  CheckId check;
  double percent_state_change = 0;
  bool operator==(const CheckFlappingStopped&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, percent_state_change);
  }
};

struct ServiceStatusChanged {
  static constexpr std::uint32_t kTag = 43;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "ServiceStatusChanged";
  ServiceId service;
  Status from = Status::kPending;
  Status to = Status::kPending;
  CheckId cause_check;  // empty when caused by a definition change
  bool operator==(const ServiceStatusChanged&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(service, from, to, cause_check);
  }
};

// Someone took on a check's problem: no reminders while it lasts. A normal
// acknowledgement ends when the status changes, a sticky one when the check
// is no longer failing (up, pending or paused); either ends at `expires_at`
// when one is set (Icinga's semantics).
struct CheckAcknowledged {
  static constexpr std::uint32_t kTag = 44;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckAcknowledged";
  CheckId check;
  Status status = Status::kDown;  // the problem acknowledged
  std::string by;                 // who: a user name, "api"
  std::string comment;
  bool sticky = false;
  std::optional<Timestamp> expires_at;
  bool operator==(const CheckAcknowledged&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, status, by, comment, sticky, expires_at);
  }
};

struct CheckAcknowledgementCleared {
  static constexpr std::uint32_t kTag = 45;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckAcknowledgementCleared";
  CheckId check;
  // "the status changed (down → degraded)", "the check is up now",
  // "it expired", "cleared by alice".
  std::string why;
  std::string by;  // who cleared it; empty when the rules ended it
  bool operator==(const CheckAcknowledgementCleared&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, why, by);
  }
};

}  // namespace nyxmon::domain
