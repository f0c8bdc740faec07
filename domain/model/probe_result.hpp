// probe_result.hpp — what one run of a check saw: its outcome, a short human
// reason, when it ran, how long each phase took, and the metrics of its kind.
//
// Kept small on purpose: one is stored per run (DESIGN.md's disk target is
// about 120 bytes per run).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// Zero means "did not happen or was not measured".
struct PhaseTimings {
  Duration resolve{0};
  Duration connect{0};
  Duration tls{0};
  Duration first_byte{0};
  Duration total{0};

  bool operator==(const PhaseTimings&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(resolve, connect, tls, first_byte, total);
  }
};

// A value a run measured besides its timings: a plugin's performance data
// ('load1'=0.42;1;2) or a value read from a JSON body (/queue/depth).
struct Measurement {
  std::string label;
  double value = 0;  // numbers, and true/false as 1/0
  std::string unit;  // a plugin's UOM ("s", "%", "B", "c"); empty when none
  std::string text;  // a JSON string value, which has no number; else empty

  bool operator==(const Measurement&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(label, value, unit, text);
  }
};

struct ProbeResult {
  Outcome outcome = Outcome::kOk;
  std::string reason;  // empty when ok; "expected status 200, got 503"
  Timestamp started_at{};
  Duration duration{0};
  Duration scheduling_lag{0};  // actual start − due time
  PhaseTimings phases;
  std::optional<int> status_code;            // http
  std::optional<int> certificate_days_left;  // https, tls, tcp with TLS
  std::vector<std::string> answers;          // dns; icmp: "3/3 received"
  std::vector<Measurement> measurements;     // exec: performance data; http: metrics

  bool operator==(const ProbeResult&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema2(archive);
    archive(measurements);
  }
  // The fields results of CheckResultRecorded schemas 1 and 2 carried
  // (before measurements).
  template <class Archive>
  void serialize_schema2(Archive& archive) {
    archive(outcome, reason, started_at, duration, scheduling_lag, phases, status_code,
            certificate_days_left, answers);
  }
};

}  // namespace nyxmon::domain
