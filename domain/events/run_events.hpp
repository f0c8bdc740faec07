// run_events.hpp — runs of checks: scheduled, their results, and heartbeats
// pushed by monitored jobs; in stream check-<id> (tags 20-39).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/ids.hpp"
#include "domain/model/probe_result.hpp"
#include "domain/rules/run_reason.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

struct CheckScheduled {
  static constexpr std::uint32_t kTag = 20;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckScheduled";
  CheckId check;
  RunId run = 0;
  Timestamp due_at{};
  std::uint32_t attempt = 1;  // 1, or the soft-failure attempt this run is (2, 3, ...)
  RunReason reason = RunReason::kSchedule;
  bool operator==(const CheckScheduled&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, run, due_at, attempt, reason);
  }
};

// What one result did to its check, as decided when it was recorded. Folds
// apply it and never run the rules again, so a log tells the same history
// whatever rules later code has.
struct ResultFacts {
  Status status = Status::kPending;        // the check's status after the result
  std::uint16_t consecutive_failures = 0;  // bad results in a row, this one included
  std::uint16_t consecutive_successes = 0;
  bool flapping = false;  // flapping after the result
  bool operator==(const ResultFacts&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(status, consecutive_failures, consecutive_successes, flapping);
  }
};

// One run's result, what it did to the check, and when the check runs next
// as decided from it.
struct CheckResultRecorded {
  static constexpr std::uint32_t kTag = 21;
  static constexpr std::uint16_t kSchemaVersion = 3;  // 3: measurements
  static constexpr std::string_view kName = "CheckResultRecorded";
  CheckId check;
  RunId run = 0;
  ProbeResult result;
  Timestamp next_due_at{};
  RunReason next_reason = RunReason::kSchedule;
  // Always there in what the decider records. Absent only in a result of
  // schema 1 (before results carried their facts) until it is folded: the
  // check states fill it then, once, as that schema's fold computed it
  // (domain/state/legacy_result_facts.hpp).
  std::optional<ResultFacts> after;
  bool operator==(const CheckResultRecorded&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, run, result, next_due_at, next_reason, after);
  }
};

// Schema 2 of CheckResultRecorded: a result without measurements.
struct CheckResultRecordedV2 {
  static constexpr std::uint32_t kTag = CheckResultRecorded::kTag;
  static constexpr std::uint16_t kSchemaVersion = 2;
  static constexpr std::string_view kName = CheckResultRecorded::kName;
  CheckResultRecorded current;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(current.check, current.run);
    current.result.serialize_schema2(archive);
    archive(current.next_due_at, current.next_reason, current.after);
  }
};

// Schema 1 of CheckResultRecorded, as logs written before schema 2 hold it;
// the codec reads it as a CheckResultRecorded without `after`.
struct CheckResultRecordedV1 {
  static constexpr std::uint32_t kTag = CheckResultRecorded::kTag;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = CheckResultRecorded::kName;
  CheckId check;
  RunId run = 0;
  ProbeResult result;
  Timestamp next_due_at{};
  RunReason next_reason = RunReason::kSchedule;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, run);
    result.serialize_schema2(archive);
    archive(next_due_at, next_reason);
  }
};

// A run that will never have a result: the engine stopped (or was killed)
// while its probe was under way. It closes the run, so that every scheduled
// run in the log has an ending, and says nothing about the target: it counts
// neither for nor against the check's status or uptime.
struct CheckRunAbandoned {
  static constexpr std::uint32_t kTag = 23;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "CheckRunAbandoned";
  CheckId check;
  RunId run = 0;
  std::string reason;  // "the engine stopped (SIGTERM) before the run finished"
  bool operator==(const CheckRunAbandoned&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, run, reason);
  }
};

enum class HeartbeatSignal : std::uint8_t {
  kSuccess = 0,  // the job finished fine (or exit code 0)
  kStart = 1,    // the job started; a success must follow within the grace
  kFail = 2,     // the job failed (or a non-zero exit code)
};

std::string_view to_string(HeartbeatSignal signal);

struct HeartbeatReceived {
  static constexpr std::uint32_t kTag = 22;
  static constexpr std::uint16_t kSchemaVersion = 1;
  static constexpr std::string_view kName = "HeartbeatReceived";
  CheckId check;
  HeartbeatSignal signal = HeartbeatSignal::kSuccess;
  std::optional<int> exit_code;
  Timestamp received_at{};
  std::string source;  // "cli", "api 10.0.0.7", ...
  bool operator==(const HeartbeatReceived&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, signal, exit_code, received_at, source);
  }
};

}  // namespace nyxmon::domain
