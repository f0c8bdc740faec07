#include "projections/latency_histogram.hpp"

#include <cmath>

namespace nyxmon::projections {
namespace {

// Upper edges in microseconds of bins 0..12; bin 13 is open-ended.
constexpr std::array<std::int64_t, LatencyHistogram::kBins - 1> kEdges = {
    1'000,   2'000,   5'000,     10'000,    20'000,    50'000,    100'000,
    200'000, 500'000, 1'000'000, 2'000'000, 5'000'000, 10'000'000};

int bin_of(domain::Duration latency) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  int bin = 0;
  while (bin < static_cast<int>(kEdges.size()) && micros >= kEdges[static_cast<std::size_t>(bin)])
    ++bin;
  return bin;
}

}  // namespace

LatencyHistogram LatencyHistogram::from_counts(const std::array<std::uint8_t, kBins>& counts,
                                               std::uint8_t scale_log2) {
  LatencyHistogram histogram;
  histogram.counts_ = counts;
  histogram.scale_log2_ = scale_log2;
  return histogram;
}

void LatencyHistogram::add(domain::Duration latency, std::uint32_t sample_number) {
  if (scale_log2_ > 0) {
    const std::uint32_t hash = (sample_number * 2654435761u) >> 16;
    const std::uint32_t mask = (1u << std::min<int>(scale_log2_, 15)) - 1;
    if ((hash & mask) != 0) return;
  }
  const auto bin = static_cast<std::size_t>(bin_of(latency));
  if (counts_[bin] == UINT8_MAX) {
    for (auto& count : counts_)
      count = static_cast<std::uint8_t>((count + 1) / 2);
    ++scale_log2_;
  }
  ++counts_[bin];
}

std::array<double, LatencyHistogram::kBins> LatencyHistogram::weights() const {
  std::array<double, kBins> w{};
  const double unit = std::ldexp(1.0, scale_log2_);
  for (std::size_t i = 0; i < w.size(); ++i)
    w[i] = counts_[i] * unit;
  return w;
}

void LatencyHistogram::pack(const std::array<double, kBins>& weights) {
  double largest = 0;
  for (double w : weights)
    largest = std::max(largest, w);
  int scale = 0;
  while (largest / std::ldexp(1.0, scale) > UINT8_MAX)
    ++scale;
  const double unit = std::ldexp(1.0, scale);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    counts_[i] = static_cast<std::uint8_t>(std::lround(weights[i] / unit));
    // Keep a bin that saw anything visible, however small against the rest.
    if (counts_[i] == 0 && weights[i] > 0) counts_[i] = 1;
  }
  scale_log2_ = static_cast<std::uint8_t>(scale);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  auto mine = weights();
  const auto theirs = other.weights();
  for (std::size_t i = 0; i < mine.size(); ++i)
    mine[i] += theirs[i];
  pack(mine);
}

bool LatencyHistogram::empty() const {
  for (auto count : counts_) {
    if (count) return false;
  }
  return true;
}

std::optional<domain::Duration> LatencyHistogram::percentile(double p) const {
  const auto w = weights();
  double total = 0;
  for (double x : w)
    total += x;
  if (total == 0) return std::nullopt;
  const double target = total * p / 100.0;
  double seen = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == 0) continue;
    if (seen + w[i] >= target) {
      const double low = i == 0 ? 0.0 : static_cast<double>(kEdges[i - 1]);
      const double high = i < kEdges.size() ? static_cast<double>(kEdges[i]) : low * 2;
      const double fraction = (target - seen) / w[i];
      return std::chrono::microseconds(static_cast<std::int64_t>(low + (high - low) * fraction));
    }
    seen += w[i];
  }
  return std::chrono::microseconds(kEdges.back());
}

}  // namespace nyxmon::projections
