// check_statistics.hpp — uptime and latency of each check over the last
// 1 h, 24 h, 7 d and 30 d, folded from CheckResultRecorded.
//
// Per check, rings of time buckets: twelve of 5 minutes and twenty-four of
// 1 hour, each with a result count, a good-result count (ok or warn) and a
// LatencyHistogram; ninety days with counts only (the check page's
// 90-day strip); and six weeks of histograms: about 1.6 KiB a check. A window is answered from the
// ring of its size, bucket-aligned: "24 h" is the current hour's bucket and the 23 before it. The
// 7- and 30-day windows count results by day and estimate their percentiles from the whole weeks
// they touch. Uptime counts results, not seconds.
//
// Checks are kept by their dense slots (check_slots.hpp), which the caller
// hands in: a check with results has its slot there.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "projections/check_slots.hpp"
#include "projections/copy_on_write.hpp"
#include "projections/latency_histogram.hpp"

namespace nyxmon::projections {

enum class StatsWindow { kHour, kDay, kWeek, kMonth };

struct WindowStats {
  std::uint64_t results = 0;
  std::uint64_t good = 0;
  std::optional<double> uptime_percent;  // nullopt without results
  std::optional<domain::Duration> p50, p95, p99;
};

class CheckStatistics {
 public:
  // Applies one event; `slot` is that of the check it names (nullopt when
  // it names none).
  void apply(const domain::Envelope& envelope, std::optional<CheckSlot> slot);

  // The window ending at `now` for one check (empty stats for one without
  // results).
  WindowStats window(CheckSlot check, StatsWindow window, domain::Timestamp now) const;
  std::uint64_t checkpoint() const { return checkpoint_; }

  struct Rings;
  // The check's buckets (null for a check without results); a bucket is
  // current when its index is the one of the time asked about. Shared, not
  // copied: once handed out they are never changed again (later results go
  // to a copy; copy_on_write.hpp), so a holder may read them on any thread.
  // Core thread only.
  std::shared_ptr<const Rings> rings(CheckSlot check) const;
  // A window ending at `now` from a check's rings (a copy may be read
  // anywhere: this touches nothing else).
  static WindowStats window_of(const Rings& rings, StatsWindow window, domain::Timestamp now);

  // Checks are named by id in a snapshot: `slots` gives them, and restore()
  // interns those it does not know yet.
  void snapshot(std::string& out, const CheckSlots& slots) const;
  domain::Result<void> restore(std::string_view bytes, CheckSlots& slots);

  // A bucket of the five-minute and hourly rings. Its counts stop at
  // 65,535, far above what checks every 100 ms (the shortest interval) give.
  struct Bucket {
    std::uint16_t results = 0;
    std::uint16_t good = 0;  // ok or warn: the latencies the histogram was offered
    LatencyHistogram latency;
    bool operator==(const Bucket&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(results, good, latency);
    }
  };
  // A day: counts only; its latencies go to the week's histogram.
  struct DayBucket {
    std::uint32_t results = 0;
    std::uint32_t good = 0;
    bool operator==(const DayBucket&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(results, good);
    }
  };
  // A week's latencies (weeks since the epoch), for the percentiles of the
  // 7- and 30-day windows.
  struct WeekBucket {
    std::uint32_t samples = 0;
    LatencyHistogram latency;
    bool operator==(const WeekBucket&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(samples, latency);
    }
  };
  // `Size` buckets of one width. Bucket number i (time / width) lives at
  // i % Size while the ring holds it, that is while end − Size ≤ i < end;
  // slots are emptied as `end` advances, so a bucket needs no number of its
  // own.
  template <std::size_t Size, class B>
  struct Ring {
    std::uint32_t end = 0;  // the newest bucket's number + 1; 0 while empty
    std::array<B, Size> buckets{};

    // Bucket number `index`, or null when the ring does not hold it.
    const B* find(std::uint32_t index) const {
      if (index >= end || end - index > Size) return nullptr;
      return &buckets[index % Size];
    }
    // Bucket number `index` to add to, advancing the ring to it when newer;
    // null when it is older than the ring holds.
    B* advance_to(std::uint32_t index) {
      if (index >= end) {
        const std::uint32_t reach = index + 1;
        for (std::uint32_t i = std::max(end, reach > Size ? reach - std::uint32_t{Size} : 0);
             i < reach; ++i) {
          buckets[i % Size] = B{};
        }
        end = reach;
      } else if (end - index > Size) {
        return nullptr;
      }
      return &buckets[index % Size];
    }
    bool operator==(const Ring&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(end, buckets);
    }
  };
  struct Rings {
    Ring<12, Bucket> five_minutes;
    Ring<24, Bucket> hours;
    static constexpr std::size_t kDays = 90;
    Ring<kDays, DayBucket> days;
    // Six weeks: however 30 days fall, they touch at most six.
    Ring<6, WeekBucket> weeks;
    bool operator==(const Rings&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(five_minutes, hours, days, weeks);
    }
  };

 private:
  // By slot; empty for a check without results.
  std::vector<SharedPiece<Rings>> rings_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
