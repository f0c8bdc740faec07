// latency_histogram.hpp — a compact, mergeable histogram of durations.
//
// Fourteen bins on a 1-2-5 scale from 1 ms to 10 s (below 1 ms, ..., 10 s
// and above), with one-byte counts and a shared scale: when a bin would
// overflow, every bin is halved and the scale doubles, and from then on one
// sample in 2^scale is counted, chosen by a hash of the sample's number
// (deterministic, and blind to periodic patterns in the latencies).
// Percentiles are estimates: read by interpolating inside the bin, and
// proportional once sampled. 15 bytes: the caller numbers the samples.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "domain/time.hpp"

namespace nyxmon::projections {

class LatencyHistogram {
 public:
  static constexpr int kBins = 14;

  // `sample_number` counts the samples offered to this histogram, this one
  // included (1, 2, 3, ...); it decides which are kept once scaled.
  void add(domain::Duration latency, std::uint32_t sample_number);
  void merge(const LatencyHistogram& other);
  bool empty() const;
  // The p-th percentile (0 < p ≤ 100), or nullopt when empty.
  std::optional<domain::Duration> percentile(double p) const;

  // A histogram with these counts, in units of 2^scale_log2.
  static LatencyHistogram from_counts(const std::array<std::uint8_t, kBins>& counts,
                                      std::uint8_t scale_log2);

  bool operator==(const LatencyHistogram&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(counts_, scale_log2_);
  }

 private:
  // Merge works on weights, then re-packs.
  void pack(const std::array<double, kBins>& weights);
  std::array<double, kBins> weights() const;

  // Counts in units of 2^scale_log2_.
  std::array<std::uint8_t, kBins> counts_{};
  std::uint8_t scale_log2_ = 0;
};

}  // namespace nyxmon::projections
