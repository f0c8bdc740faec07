#include "domain/rules/flapping.hpp"

namespace nyxmon::domain {
namespace {

std::uint64_t code_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return 0;
    case Outcome::kWarn:
      return 1;
    default:
      return 2;
  }
}

constexpr std::uint64_t kMask = (std::uint64_t{1} << (2 * FlapDetector::kWindow)) - 1;

}  // namespace

void FlapDetector::apply(Outcome outcome, bool flapping) {
  history_ = ((history_ << 2) | code_of(outcome)) & kMask;
  if (count_ < kWindow) ++count_;
  flapping_ = flapping;
}

std::optional<FlappingChange> FlapDetector::record(Outcome outcome,
                                                   const FlappingThresholds& thresholds) {
  apply(outcome, flapping_);
  const double now = percent();
  if (!flapping_ && now > thresholds.start_percent) {
    flapping_ = true;
    return FlappingChange::kStarted;
  }
  if (flapping_ && now < thresholds.stop_percent) {
    flapping_ = false;
    return FlappingChange::kStopped;
  }
  return std::nullopt;
}

double FlapDetector::percent() const {
  constexpr int kTransitions = kWindow - 1;
  double weighted = 0;
  // Transition t joins result t+1 (older) and t (newer); t = 0 is the newest.
  for (int t = 0; t + 1 < count_; ++t) {
    const auto newer = (history_ >> (2 * t)) & 3;
    const auto older = (history_ >> (2 * (t + 1))) & 3;
    if (newer != older) {
      const int age_rank = kTransitions - 1 - t;  // 0 for the oldest of 20
      weighted += 0.8 + 0.4 * age_rank / (kTransitions - 1);
    }
  }
  return 100.0 * weighted / kTransitions;
}

}  // namespace nyxmon::domain
