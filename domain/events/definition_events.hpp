// definition_events.hpp — what is monitored: services, checks and notifiers
// as configured, in streams service-<id>, check-<id> and notify-<id>.
//
// Tags are stable and never reused (1-19: definitions). Schema versions
// start at 1; a field change bumps the version and adds an upcaster in the
// infrastructure's event codec.
#pragma once

#include <cstdint>
#include <string_view>

#include "domain/events/boxed.hpp"
#include "domain/model/check_spec.hpp"
#include "domain/model/notifier_spec.hpp"
#include "domain/model/service_spec.hpp"

namespace nyxmon::domain {

struct ServiceDefined {
  static constexpr std::uint32_t kTag = 1;
  static constexpr std::uint16_t kSchemaVersion = ServiceSpec::kSchema;
  static constexpr std::string_view kName = "ServiceDefined";
  ServiceSpec spec;
  bool operator==(const ServiceDefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec);
  }
};

struct ServiceRemoved {
  static constexpr std::uint32_t kTag = 2;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "ServiceRemoved";
  ServiceId service;
  bool operator==(const ServiceRemoved&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(service);
  }
};

struct CheckDefined {
  static constexpr std::uint32_t kTag = 3;
  static constexpr std::uint16_t kSchemaVersion = CheckSpec::kSchema;
  static constexpr std::string_view kName = "CheckDefined";
  Boxed<CheckSpec> spec;
  bool operator==(const CheckDefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec);
  }
};

// The whole new spec; what changed is the difference with the previous one.
struct CheckRedefined {
  static constexpr std::uint32_t kTag = 4;
  static constexpr std::uint16_t kSchemaVersion = CheckSpec::kSchema;
  static constexpr std::string_view kName = "CheckRedefined";
  Boxed<CheckSpec> spec;
  bool operator==(const CheckRedefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec);
  }
};

struct CheckPaused {
  static constexpr std::uint32_t kTag = 5;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckPaused";
  CheckId check;
  std::string reason;
  bool operator==(const CheckPaused&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, reason);
  }
};

struct CheckResumed {
  static constexpr std::uint32_t kTag = 6;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckResumed";
  CheckId check;
  bool operator==(const CheckResumed&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check);
  }
};

struct CheckRemoved {
  static constexpr std::uint32_t kTag = 7;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckRemoved";
  CheckId check;
  bool operator==(const CheckRemoved&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check);
  }
};

struct NotifierDefined {
  static constexpr std::uint32_t kTag = 8;
  static constexpr std::uint16_t kSchemaVersion = NotifierSpec::kSchema;
  static constexpr std::string_view kName = "NotifierDefined";
  Boxed<NotifierSpec> spec;
  bool operator==(const NotifierDefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec);
  }
};

struct NotifierRemoved {
  static constexpr std::uint32_t kTag = 9;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "NotifierRemoved";
  NotifierId notifier;
  bool operator==(const NotifierRemoved&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(notifier);
  }
};

// A definition as schema `Version` wrote it (a check without the fields
// later schemas added, ...), read as `Current` with those fields' defaults.
template <class Current, std::uint16_t Version>
struct DefinitionSchema {
  static_assert(Version < Current::kSchemaVersion);
  static constexpr std::uint32_t kTag = Current::kTag;
  static constexpr std::uint16_t kSchemaVersion = Version;
  static constexpr std::string_view kName = Current::kName;
  typename Unboxed<decltype(Current::spec)>::type spec;
  template <class Archive>
  void serialize(Archive& archive) {
    spec.template serialize_schema<Version>(archive);
  }
};

}  // namespace nyxmon::domain
