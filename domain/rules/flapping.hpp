// flapping.hpp — is a check flapping? Nagios' method: over the last 21
// results, each change between consecutive results (ok / warn / bad) counts
// with a weight rising linearly from 0.8 (oldest) to 1.2 (newest); the
// percent state change is their sum over 20 transitions. Flapping starts
// above `start_percent` and stops below `stop_percent`; between the two,
// nothing changes (hysteresis).
//
// Compact on purpose: 21 results in two bits each, one 64-bit word.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/status.hpp"

namespace nyxmon::domain {

struct FlappingThresholds {
  double start_percent = 30;
  double stop_percent = 25;
};

enum class FlappingChange { kStarted, kStopped };

class FlapDetector {
 public:
  static constexpr int kWindow = 21;

  // Records one result and decides: returns whether flapping started or
  // stopped with it.
  std::optional<FlappingChange> record(Outcome outcome, const FlappingThresholds& thresholds = {});

  // Records one result whose flapping state was decided already (a fold
  // applying a recorded result): the window moves, nothing is decided.
  void apply(Outcome outcome, bool flapping);

  // The weighted percent state change over the results recorded (0-100).
  double percent() const;
  bool flapping() const { return flapping_; }
  int results() const { return count_; }

  bool operator==(const FlapDetector&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(history_, count_, flapping_);
  }

 private:
  // Result i (0 = newest) in bits 2i..2i+1: 0 ok, 1 warn, 2 bad.
  std::uint64_t history_ = 0;
  std::uint8_t count_ = 0;
  bool flapping_ = false;
};

}  // namespace nyxmon::domain
