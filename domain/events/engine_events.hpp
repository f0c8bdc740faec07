// engine_events.hpp — the engine's own life, in stream engine (tags 80-99).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::domain {

struct EngineStarted {
  static constexpr std::uint32_t kTag = 80;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "EngineStarted";
  std::string version;
  std::string config_hash;  // of the configuration file, as loaded
  bool operator==(const EngineStarted&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(version, config_hash);
  }
};

struct EngineStopped {
  static constexpr std::uint32_t kTag = 81;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "EngineStopped";
  std::string reason;  // "SIGTERM", "SIGINT", ...
  bool operator==(const EngineStopped&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(reason);
  }
};

// Scheduled and result events older than `horizon` (below sequence
// `before_sequence`) were removed; a snapshot at the horizon answers for them.
struct HistoryTruncated {
  static constexpr std::uint32_t kTag = 82;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "HistoryTruncated";
  std::uint64_t before_sequence = 0;
  Timestamp horizon{};
  std::uint64_t events_removed = 0;
  bool operator==(const HistoryTruncated&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(before_sequence, horizon, events_removed);
  }
};

// Events with sequences first_sequence..last_sequence were recorded once and
// are gone (a damaged or lost write-ahead log); `nyxmon repair` records this
// after salvaging the rest. Those sequences are never used again.
struct EventsLost {
  static constexpr std::uint32_t kTag = 83;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "EventsLost";
  std::uint64_t first_sequence = 0;
  std::uint64_t last_sequence = 0;
  std::string reason;  // what was damaged, as found
  bool operator==(const EventsLost&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(first_sequence, last_sequence, reason);
  }
};

}  // namespace nyxmon::domain
