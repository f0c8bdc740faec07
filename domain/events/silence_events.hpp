// silence_events.hpp — the life of a silence (domain/model/silence_spec.hpp):
// defined, and ended early by a person (one that runs its course needs no
// event: its end is in its spec). Both live in the stream "silence-<id>".
// What a silence held is a NotificationSilenced in the notifier's stream.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model/silence_spec.hpp"

namespace nyxmon::domain {

struct SilenceDefined {
  static constexpr std::uint32_t kTag = 50;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "SilenceDefined";
  SilenceSpec spec;
  std::string by;
  bool operator==(const SilenceDefined&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, by);
  }
};

struct SilenceEnded {
  static constexpr std::uint32_t kTag = 51;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "SilenceEnded";
  SilenceId silence;
  std::string by;
  bool operator==(const SilenceEnded&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(silence, by);
  }
};

}  // namespace nyxmon::domain
