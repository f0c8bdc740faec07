// latency_histogram.hpp — a compact, mergeable histogram of durations.
//
// Fourteen bins on a 1-2-5 scale from 1 ms to 10 s (below 1 ms, ..., 10 s
// and above), with one-byte counts and a shared scale: when a bin would
// overflow, every bin is halved and the scale doubles, and from then on
// every 2^scale-th sample is counted (systematic sampling, deterministic).
// Percentiles are estimates: read by interpolating inside the bin, and
// proportional once sampled. 16 bytes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "domain/time.hpp"

namespace nyxmon::projections {

class LatencyHistogram {
 public:
  static constexpr int kBins = 14;

  void add(domain::Duration latency);
  void merge(const LatencyHistogram& other);
  bool empty() const;
  // The p-th percentile (0 < p ≤ 100), or nullopt when empty.
  std::optional<domain::Duration> percentile(double p) const;

  bool operator==(const LatencyHistogram&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(counts_, scale_log2_, skipped_);
  }

 private:
  // Merge works on weights, then re-packs.
  void pack(const std::array<double, kBins>& weights);
  std::array<double, kBins> weights() const;

  // Counts in units of 2^scale_log2_.
  std::array<std::uint8_t, kBins> counts_{};
  std::uint8_t scale_log2_ = 0;
  std::uint8_t skipped_ = 0;  // samples passed over since the last one counted
};

}  // namespace nyxmon::projections
