// Uptime and latency windows: what each window counts as time moves on, how
// far back the rings reach, and snapshots of the older format read into the
// current one.
#include <gtest/gtest.h>

#include "domain/serialization/byte_writer.hpp"
#include "projections/check_statistics.hpp"
#include "projections/snapshot_format.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

const CheckId kApi{"api"};

class CheckStatisticsTest : public ::testing::Test {
 protected:
  void result(Timestamp started_at, Outcome outcome, Duration duration = 20ms) {
    CheckResultRecorded recorded;
    recorded.check = kApi;
    recorded.run = ++sequence_;
    recorded.result.outcome = outcome;
    recorded.result.started_at = started_at;
    recorded.result.duration = duration;
    statistics_.apply(Envelope{sequence_, "check-api", sequence_, started_at, recorded}, api_);
  }

  // Slots are not kept across processes: a restored snapshot's checks may
  // get others (here, another check came first).
  struct Restored {
    CheckSlots slots;
    CheckStatistics statistics;
    CheckSlot api = 0;
    Restored() { slots.intern(CheckId{"other"}); }
    domain::Result<void> restore(std::string_view bytes) {
      auto restored = statistics.restore(bytes, slots);
      if (restored) api = *slots.find(kApi);
      return restored;
    }
    WindowStats window(StatsWindow window, Timestamp now) const {
      return statistics.window(api, window, now);
    }
  };

  CheckSlots slots_;
  const CheckSlot api_ = slots_.intern(kApi);
  CheckStatistics statistics_;
  std::uint64_t sequence_ = 0;
};

TEST_F(CheckStatisticsTest, EachWindowCountsOnlyItsOwnBuckets) {
  result(at(10min), Outcome::kOk);
  result(at(2h + 10min), Outcome::kFail);
  result(at(2h + 20min), Outcome::kOk, 400ms);
  const Timestamp now = at(2h + 30min);

  const WindowStats hour = statistics_.window(api_, StatsWindow::kHour, now);
  EXPECT_EQ(hour.results, 2u);
  EXPECT_EQ(hour.good, 1u);
  ASSERT_TRUE(hour.p50);
  EXPECT_GE(*hour.p50, 200ms) << "only the good result's latency counts";

  const WindowStats day = statistics_.window(api_, StatsWindow::kDay, now);
  EXPECT_EQ(day.results, 3u);
  EXPECT_EQ(day.good, 2u);
  ASSERT_TRUE(day.uptime_percent);
  EXPECT_NEAR(*day.uptime_percent, 200.0 / 3, 1e-9);

  // A day later the hour and the day are empty; the week still has them.
  const Timestamp later = at(26h + 40min);
  EXPECT_EQ(statistics_.window(api_, StatsWindow::kHour, later).results, 0u);
  EXPECT_EQ(statistics_.window(api_, StatsWindow::kDay, later).results, 0u);
  EXPECT_EQ(statistics_.window(api_, StatsWindow::kWeek, later).results, 3u);
  EXPECT_FALSE(statistics_.window(api_, StatsWindow::kHour, later).uptime_percent);
}

TEST_F(CheckStatisticsTest, RingsForgetWhatTheyNoLongerSpan) {
  result(at(0h), Outcome::kFail);
  result(at(50 * 24h), Outcome::kOk);
  result(at(100 * 24h), Outcome::kOk);
  const auto rings = statistics_.rings(api_);
  ASSERT_TRUE(rings);
  const auto day_of = [](Timestamp t) {
    return static_cast<std::uint32_t>(t.time_since_epoch() / 24h);
  };
  EXPECT_EQ(rings->days.find(day_of(at(0h))), nullptr) << "100 days back is past a 90-day ring";
  ASSERT_NE(rings->days.find(day_of(at(50 * 24h))), nullptr) << "50 days back is within it";
  const WindowStats month = statistics_.window(api_, StatsWindow::kMonth, at(100 * 24h + 1h));
  EXPECT_EQ(month.results, 1u);
  EXPECT_EQ(month.good, 1u);

  // A result arriving for a day the ring has left behind is not counted.
  result(at(2 * 24h), Outcome::kFail);
  EXPECT_EQ(rings->days.end, statistics_.rings(api_)->days.end);
  EXPECT_EQ(statistics_.rings(api_)->days.find(day_of(at(2 * 24h))), nullptr);
}

TEST_F(CheckStatisticsTest, AGapEmptiesTheBucketsItSkips) {
  for (int minute = 0; minute < 60; minute += 5)
    result(at(minute * 1min), Outcome::kOk);
  // The next result comes 55 minutes after the last: the ten five-minute
  // buckets between hold nothing, although their slots held 00:05 to 00:50.
  result(at(110min), Outcome::kFail);
  const WindowStats hour = statistics_.window(api_, StatsWindow::kHour, at(112min));
  EXPECT_EQ(hour.results, 2u) << "the hour up to 01:52 begins at 00:55";
  EXPECT_EQ(hour.good, 1u);
}

// A bucket as version 1 snapshots kept it: with its number, and a sample
// counter after the histogram.
struct BucketV1 {
  std::uint32_t index = 0;
  std::uint32_t results = 0;
  std::uint32_t good = 0;
  LatencyHistogram latency;
  void add(std::uint32_t number, Outcome outcome, Duration duration) {
    index = number;
    ++results;
    if (outcome != Outcome::kFail) latency.add(duration, ++good);
  }
};

template <std::size_t N>
void write_v1(ByteWriter& writer, const std::array<BucketV1, N>& ring) {
  for (const BucketV1& bucket : ring)
    writer(bucket.index, bucket.results, bucket.good, bucket.latency, std::uint16_t{0});
}

TEST_F(CheckStatisticsTest, ReadsVersionOneSnapshots) {
  std::array<BucketV1, 12> five_minutes;
  std::array<BucketV1, 24> hours;
  std::array<BucketV1, 30> days;
  for (int i = 0; i < 10; ++i) {
    const Timestamp when = at(3h + i * 4min);
    const Outcome outcome = i == 4 ? Outcome::kFail : Outcome::kOk;
    const Duration duration = (i + 1) * 30ms;
    result(when, outcome, duration);
    const auto number = [&](Duration width) {
      return static_cast<std::uint32_t>(when.time_since_epoch() / width);
    };
    five_minutes[number(5min) % 12].add(number(5min), outcome, duration);
    hours[number(1h) % 24].add(number(1h), outcome, duration);
    days[number(24h) % 30].add(number(24h), outcome, duration);
  }
  // A day the ring had already left behind, still in its slot.
  const auto today = static_cast<std::uint32_t>(at(3h).time_since_epoch() / 24h);
  days[(today - 40) % 30].add(today - 40, Outcome::kFail, 1s);

  std::string bytes;
  ByteWriter writer(bytes);
  write_snapshot_header(writer, "STAT", 1, sequence_);
  writer(std::uint32_t{1}, kApi);
  write_v1(writer, five_minutes);
  write_v1(writer, hours);
  write_v1(writer, days);

  Restored restored;
  ASSERT_TRUE(restored.restore(bytes)) << "a version 1 snapshot must still be read";
  EXPECT_EQ(restored.statistics.checkpoint(), sequence_);
  const Timestamp now = at(3h + 40min);
  for (auto window :
       {StatsWindow::kHour, StatsWindow::kDay, StatsWindow::kWeek, StatsWindow::kMonth}) {
    const WindowStats live = statistics_.window(api_, window, now);
    const WindowStats read = restored.window(window, now);
    EXPECT_EQ(read.results, live.results) << "window " << static_cast<int>(window);
    EXPECT_EQ(read.good, live.good);
    EXPECT_EQ(read.p50, live.p50);
    EXPECT_EQ(read.p95, live.p95);
  }
  EXPECT_EQ(restored.window(StatsWindow::kMonth, now).results, 10u) << "the stale day is dropped";
}

// Version 2 snapshots held thirty days: read into the ninety-day ring.
TEST_F(CheckStatisticsTest, ReadsVersionTwoSnapshots) {
  for (int day = 0; day < 40; ++day)
    result(at(day * 24h + 1h), day % 7 == 0 ? Outcome::kFail : Outcome::kOk);
  const auto live = statistics_.rings(api_);
  CheckStatistics::Ring<30, CheckStatistics::DayBucket> thirty;
  for (std::uint32_t day = live->days.end - 30; day < live->days.end; ++day)
    *thirty.advance_to(day) = *live->days.find(day);

  std::string bytes;
  ByteWriter writer(bytes);
  write_snapshot_header(writer, "STAT", 2, sequence_);
  writer(std::uint32_t{1}, kApi, live->five_minutes, live->hours, thirty, live->weeks);

  Restored restored;
  ASSERT_TRUE(restored.restore(bytes)) << "a version 2 snapshot must still be read";
  const auto read = restored.statistics.rings(restored.api);
  EXPECT_EQ(read->days.end, live->days.end);
  EXPECT_EQ(read->hours, live->hours);
  for (std::uint32_t day = live->days.end - 30; day < live->days.end; ++day)
    EXPECT_EQ(*read->days.find(day), *live->days.find(day)) << "day " << day;
  EXPECT_EQ(read->days.find(live->days.end - 31)->results, 0u) << "older days were not kept";
  const Timestamp now = at(39 * 24h + 2h);
  EXPECT_EQ(restored.window(StatsWindow::kMonth, now).results,
            statistics_.window(api_, StatsWindow::kMonth, now).results);
}

TEST_F(CheckStatisticsTest, MonthPercentilesComeFromTheWeeksItTouches) {
  result(at(0h), Outcome::kOk, 900ms);       // 40 days before the end: outside
  result(at(20 * 24h), Outcome::kOk, 10ms);  // inside
  result(at(40 * 24h), Outcome::kOk, 12ms);  // today
  const WindowStats month = statistics_.window(api_, StatsWindow::kMonth, at(40 * 24h + 1h));
  EXPECT_EQ(month.results, 2u);
  ASSERT_TRUE(month.p99);
  EXPECT_LT(*month.p99, 50ms) << "a latency from 40 days ago must not count";
  const WindowStats week = statistics_.window(api_, StatsWindow::kWeek, at(40 * 24h + 1h));
  EXPECT_EQ(week.results, 1u);
}

TEST_F(CheckStatisticsTest, SnapshotsRoundTrip) {
  for (int i = 0; i < 25; ++i)
    result(at(i * 53min), i % 4 == 0 ? Outcome::kFail : Outcome::kOk, (i + 1) * 11ms);
  std::string bytes;
  statistics_.snapshot(bytes, slots_);
  Restored restored;
  ASSERT_TRUE(restored.restore(bytes));
  EXPECT_NE(restored.api, api_);
  EXPECT_EQ(*restored.statistics.rings(restored.api), *statistics_.rings(api_));
  bytes.pop_back();
  Restored truncated;
  EXPECT_FALSE(truncated.restore(bytes)) << "a truncated snapshot is refused";
  EXPECT_EQ(truncated.slots.size(), 1u) << "and interns nothing";
}

}  // namespace
}  // namespace nyxmon::projections
