#include "projections/check_statistics.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "domain/rules/check_state_machine.hpp"
#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {

constexpr std::string_view kMagic = "STAT";
// 2: rings without a number per bucket, histograms without a sample counter,
// days without histograms (weeks hold them).
constexpr std::uint16_t kVersion = 3;

constexpr Duration kFiveMinutes = std::chrono::minutes(5);
constexpr Duration kHour = std::chrono::hours(1);
constexpr Duration kDay = std::chrono::hours(24);
constexpr Duration kWeek = std::chrono::hours(24 * 7);
constexpr std::uint32_t kDaysPerWeek = kWeek / kDay;

using Bucket = CheckStatistics::Bucket;
using DayBucket = CheckStatistics::DayBucket;
using WeekBucket = CheckStatistics::WeekBucket;

std::uint32_t index_of(Timestamp at, Duration width) {
  const auto count = at.time_since_epoch() / width;
  return count < 0 ? 0 : static_cast<std::uint32_t>(count);
}

template <std::size_t N>
void add(CheckStatistics::Ring<N, Bucket>& ring, Duration width, Timestamp at,
         const ProbeResult& result) {
  Bucket* bucket = ring.advance_to(index_of(at, width));
  if (!bucket) return;                        // older than the ring holds
  if (bucket->results == UINT16_MAX) return;  // full: counting on would skew the ratio
  ++bucket->results;
  if (is_good(result.outcome)) {
    ++bucket->good;
    bucket->latency.add(result.duration, bucket->good);
  }
}

// The results and latencies of the `buckets` buckets ending with the one
// holding `now`.
template <std::size_t N>
WindowStats sum(const CheckStatistics::Ring<N, Bucket>& ring, Duration width, Timestamp now,
                std::uint32_t buckets) {
  WindowStats stats;
  LatencyHistogram merged;
  const std::uint32_t newest = index_of(now, width);
  for (std::uint32_t back = 0; back < buckets && back <= newest; ++back) {
    const Bucket* bucket = ring.find(newest - back);
    if (!bucket || bucket->results == 0) continue;
    stats.results += bucket->results;
    stats.good += bucket->good;
    merged.merge(bucket->latency);
  }
  if (stats.results > 0) {
    stats.uptime_percent =
        100.0 * static_cast<double>(stats.good) / static_cast<double>(stats.results);
  }
  stats.p50 = merged.percentile(50);
  stats.p95 = merged.percentile(95);
  stats.p99 = merged.percentile(99);
  return stats;
}

// The last `days` days: counts from the day ring, percentiles from every
// week those days touch.
WindowStats sum_days(const CheckStatistics::Rings& rings, Timestamp now, std::uint32_t days) {
  WindowStats stats;
  const std::uint32_t newest = index_of(now, kDay);
  const std::uint32_t oldest = newest >= days - 1 ? newest - (days - 1) : 0;
  for (std::uint32_t day = oldest; day <= newest; ++day) {
    const DayBucket* bucket = rings.days.find(day);
    if (!bucket) continue;
    stats.results += bucket->results;
    stats.good += bucket->good;
  }
  if (stats.results == 0) return stats;
  stats.uptime_percent =
      100.0 * static_cast<double>(stats.good) / static_cast<double>(stats.results);
  LatencyHistogram merged;
  for (std::uint32_t week = oldest / kDaysPerWeek; week <= newest / kDaysPerWeek; ++week) {
    if (const WeekBucket* bucket = rings.weeks.find(week)) merged.merge(bucket->latency);
  }
  stats.p50 = merged.percentile(50);
  stats.p95 = merged.percentile(95);
  stats.p99 = merged.percentile(99);
  return stats;
}

// Version 1 snapshots: every bucket carried its number, every histogram a
// sample counter. Read, then moved into rings of version 2.
struct BucketV1 {
  std::uint32_t index = 0;
  std::uint32_t results = 0;
  std::uint32_t good = 0;
  std::array<std::uint8_t, LatencyHistogram::kBins> counts{};
  std::uint8_t scale_log2 = 0;
  std::uint16_t samples = 0;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(index, results, good, counts, scale_log2, samples);
  }
};

struct RingsV1 {
  std::array<BucketV1, 12> five_minutes{};
  std::array<BucketV1, 24> hours{};
  std::array<BucketV1, 30> days{};
  template <class Archive>
  void serialize(Archive& archive) {
    archive(five_minutes, hours, days);
  }
};

// The newest bucket number with results, if any.
template <std::size_t N>
std::optional<std::uint32_t> newest_of(const std::array<BucketV1, N>& old) {
  std::optional<std::uint32_t> newest;
  for (const BucketV1& bucket : old) {
    if (bucket.results > 0) newest = std::max(newest.value_or(0), bucket.index);
  }
  return newest;
}

template <std::size_t N>
void upgrade(const std::array<BucketV1, N>& old, CheckStatistics::Ring<N, Bucket>& ring) {
  const auto newest = newest_of(old);
  if (!newest) return;
  ring.advance_to(*newest);
  for (const BucketV1& bucket : old) {
    Bucket* moved = bucket.results > 0 ? ring.advance_to(bucket.index) : nullptr;
    if (!moved) continue;  // empty, or stale: older than the ring holds
    moved->results =
        static_cast<std::uint16_t>(std::min<std::uint32_t>(bucket.results, UINT16_MAX));
    moved->good = static_cast<std::uint16_t>(std::min<std::uint32_t>(bucket.good, moved->results));
    moved->latency = LatencyHistogram::from_counts(bucket.counts, bucket.scale_log2);
  }
}

// Days keep their counts; their histograms are merged into their weeks.
void upgrade_days(const std::array<BucketV1, 30>& old, CheckStatistics::Rings& rings) {
  const auto newest = newest_of(old);
  if (!newest) return;
  rings.days.advance_to(*newest);
  rings.weeks.advance_to(*newest / kDaysPerWeek);
  for (const BucketV1& bucket : old) {
    DayBucket* day = bucket.results > 0 ? rings.days.advance_to(bucket.index) : nullptr;
    if (!day) continue;  // empty, or stale
    day->results = bucket.results;
    day->good = bucket.good;
    if (WeekBucket* week = rings.weeks.advance_to(bucket.index / kDaysPerWeek)) {
      week->samples += bucket.good;
      week->latency.merge(LatencyHistogram::from_counts(bucket.counts, bucket.scale_log2));
    }
  }
}

CheckStatistics::Rings upgrade(const RingsV1& old) {
  CheckStatistics::Rings rings;
  upgrade(old.five_minutes, rings.five_minutes);
  upgrade(old.hours, rings.hours);
  upgrade_days(old.days, rings);
  return rings;
}

// Version 2 snapshots: the same rings with thirty days.
struct RingsV2 {
  CheckStatistics::Ring<12, Bucket> five_minutes;
  CheckStatistics::Ring<24, Bucket> hours;
  CheckStatistics::Ring<30, DayBucket> days;
  CheckStatistics::Ring<6, WeekBucket> weeks;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(five_minutes, hours, days, weeks);
  }
};

CheckStatistics::Rings upgrade(const RingsV2& old) {
  CheckStatistics::Rings rings;
  rings.five_minutes = old.five_minutes;
  rings.hours = old.hours;
  rings.weeks = old.weeks;
  if (old.days.end == 0) return rings;
  rings.days.advance_to(old.days.end - 1);
  const std::uint32_t first = old.days.end > 30 ? old.days.end - 30 : 0;
  for (std::uint32_t day = first; day < old.days.end; ++day) {
    if (const DayBucket* bucket = old.days.find(day)) *rings.days.advance_to(day) = *bucket;
  }
  return rings;
}

}  // namespace

void CheckStatistics::apply(const Envelope& envelope, std::optional<CheckSlot> slot) {
  checkpoint_ = envelope.sequence;
  if (!slot) return;
  if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event)) {
    if (*slot >= rings_.size()) rings_.resize(*slot + 1);
    // A reader may still hold the rings handed out before.
    Rings& rings = rings_[*slot].writable();
    const Timestamp at = recorded->result.started_at;
    const ProbeResult& result = recorded->result;
    add(rings.five_minutes, kFiveMinutes, at, result);
    add(rings.hours, kHour, at, result);
    if (DayBucket* day = rings.days.advance_to(index_of(at, kDay))) {
      ++day->results;
      if (is_good(result.outcome)) ++day->good;
    }
    if (is_good(result.outcome)) {
      if (WeekBucket* week = rings.weeks.advance_to(index_of(at, kWeek))) {
        ++week->samples;
        week->latency.add(result.duration, week->samples);
      }
    }
  } else if (std::holds_alternative<CheckRemoved>(envelope.event) && *slot < rings_.size()) {
    rings_[*slot] = {};
  }
}

std::shared_ptr<const CheckStatistics::Rings> CheckStatistics::rings(CheckSlot check) const {
  return check < rings_.size() ? rings_[check].share() : nullptr;
}

WindowStats CheckStatistics::window(CheckSlot check, StatsWindow window, Timestamp now) const {
  if (check >= rings_.size() || !rings_[check].get()) return {};
  return window_of(*rings_[check], window, now);
}

WindowStats CheckStatistics::window_of(const Rings& rings, StatsWindow window, Timestamp now) {
  switch (window) {
    case StatsWindow::kHour:
      return sum(rings.five_minutes, kFiveMinutes, now, 12);
    case StatsWindow::kDay:
      return sum(rings.hours, kHour, now, 24);
    case StatsWindow::kWeek:
      return sum_days(rings, now, 7);
    case StatsWindow::kMonth:
      return sum_days(rings, now, 30);
  }
  return {};
}

void CheckStatistics::snapshot(std::string& out, const CheckSlots& slots) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  std::map<CheckId, const Rings*> sorted;
  for (CheckSlot slot = 0; slot < rings_.size(); ++slot)
    if (rings_[slot].get()) sorted.emplace(slots.id(slot), rings_[slot].get());
  writer(static_cast<std::uint32_t>(sorted.size()));
  for (const auto& [id, rings] : sorted)
    writer(id, *rings);
}

Result<void> CheckStatistics::restore(std::string_view bytes, CheckSlots& slots) {
  ByteReader reader(bytes);
  auto header = read_snapshot_header(reader, kMagic, 1, kVersion);
  if (!header) return fail(std::move(header.error()));
  std::uint32_t count = 0;
  reader(count);
  std::vector<std::pair<CheckId, std::shared_ptr<Rings>>> read;
  for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
    CheckId id;
    auto value = std::make_shared<Rings>();
    if (header->version == 1) {
      RingsV1 old;
      reader(id, old);
      *value = upgrade(old);
    } else if (header->version == 2) {
      RingsV2 old;
      reader(id, old);
      *value = upgrade(old);
    } else {
      reader(id, *value);
    }
    read.emplace_back(std::move(id), std::move(value));
  }
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("statistics"));
  // Interned only once the whole snapshot has been read: a damaged one
  // leaves the slots as they were.
  std::vector<SharedPiece<Rings>> rings(slots.size());
  for (auto& [id, value] : read) {
    const CheckSlot slot = slots.intern(id);
    if (slot >= rings.size()) rings.resize(slot + 1);
    rings[slot] = SharedPiece<Rings>(std::move(value));
  }
  rings_ = std::move(rings);
  checkpoint_ = header->checkpoint;
  return {};
}

}  // namespace nyxmon::projections
