// sample_events.hpp — small event types for testing the event store and the
// registry independently of the domain's catalogue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nyxmon::testing {

struct SampleCreated {
  static constexpr std::uint32_t kTag = 1;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "SampleCreated";
  std::string name;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(name);
  }
  bool operator==(const SampleCreated&) const = default;
};

// Version 2 added `unit`; version 1 payloads are upcast with unit "ms".
struct SampleMeasured {
  static constexpr std::uint32_t kTag = 2;
  static constexpr std::uint16_t kSchemaVersion = 2;
  static constexpr std::string_view kName = "SampleMeasured";
  std::int64_t value = 0;
  std::string unit;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(value, unit);
  }
  bool operator==(const SampleMeasured&) const = default;
};

struct SampleMeasuredV1 {
  static constexpr std::uint32_t kTag = 2;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "SampleMeasured";
  std::int64_t value = 0;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(value);
  }
};

using SampleEvent = std::variant<SampleCreated, SampleMeasured>;
using SampleEventV1 = std::variant<SampleCreated, SampleMeasuredV1>;

}  // namespace nyxmon::testing
