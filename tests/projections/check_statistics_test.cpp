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
    statistics_.apply(Envelope{sequence_, "check-api", sequence_, started_at, recorded});
  }

  CheckStatistics statistics_;
  std::uint64_t sequence_ = 0;
};

TEST_F(CheckStatisticsTest, EachWindowCountsOnlyItsOwnBuckets) {
  result(at(10min), Outcome::kOk);
  result(at(2h + 10min), Outcome::kFail);
  result(at(2h + 20min), Outcome::kOk, 400ms);
  const Timestamp now = at(2h + 30min);

  const WindowStats hour = statistics_.window(kApi, StatsWindow::kHour, now);
  EXPECT_EQ(hour.results, 2u);
  EXPECT_EQ(hour.good, 1u);
  ASSERT_TRUE(hour.p50);
  EXPECT_GE(*hour.p50, 200ms) << "only the good result's latency counts";

  const WindowStats day = statistics_.window(kApi, StatsWindow::kDay, now);
  EXPECT_EQ(day.results, 3u);
  EXPECT_EQ(day.good, 2u);
  ASSERT_TRUE(day.uptime_percent);
  EXPECT_NEAR(*day.uptime_percent, 200.0 / 3, 1e-9);

  // A day later the hour and the day are empty; the week still has them.
  const Timestamp later = at(26h + 40min);
  EXPECT_EQ(statistics_.window(kApi, StatsWindow::kHour, later).results, 0u);
  EXPECT_EQ(statistics_.window(kApi, StatsWindow::kDay, later).results, 0u);
  EXPECT_EQ(statistics_.window(kApi, StatsWindow::kWeek, later).results, 3u);
  EXPECT_FALSE(statistics_.window(kApi, StatsWindow::kHour, later).uptime_percent);
}

TEST_F(CheckStatisticsTest, RingsForgetWhatTheyNoLongerSpan) {
  result(at(0h), Outcome::kFail);
  result(at(40 * 24h), Outcome::kOk);
  const auto rings = statistics_.rings(kApi);
  ASSERT_TRUE(rings);
  const auto first_day = static_cast<std::uint32_t>(at(0h).time_since_epoch() / 24h);
  EXPECT_EQ(rings->days.find(first_day), nullptr) << "40 days back is past a 30-day ring";
  const WindowStats month = statistics_.window(kApi, StatsWindow::kMonth, at(40 * 24h + 1h));
  EXPECT_EQ(month.results, 1u);
  EXPECT_EQ(month.good, 1u);

  // A result arriving for a day the ring has left behind is not counted.
  result(at(2 * 24h), Outcome::kFail);
  EXPECT_EQ(statistics_.window(kApi, StatsWindow::kMonth, at(40 * 24h + 1h)).results, 1u);
}

TEST_F(CheckStatisticsTest, AGapEmptiesTheBucketsItSkips) {
  for (int minute = 0; minute < 60; minute += 5)
    result(at(minute * 1min), Outcome::kOk);
  // The next result comes 55 minutes after the last: the ten five-minute
  // buckets between hold nothing, although their slots held 00:05 to 00:50.
  result(at(110min), Outcome::kFail);
  const WindowStats hour = statistics_.window(kApi, StatsWindow::kHour, at(112min));
  EXPECT_EQ(hour.results, 2u) << "the hour up to 01:52 begins at 00:55";
  EXPECT_EQ(hour.good, 1u);
}

// Writes `rings` as a version 1 statistics snapshot did: each bucket with its
// number and each histogram with a sample counter. `stale_day` adds a day
// bucket with results that its ring had already left behind.
template <std::size_t N>
void write_ring_v1(ByteWriter& writer, const CheckStatistics::Ring<N>& ring,
                   std::optional<std::uint32_t> stale_index = std::nullopt) {
  for (std::size_t slot = 0; slot < N; ++slot) {
    std::uint32_t index = 0;
    const CheckStatistics::Bucket* held = nullptr;
    for (std::uint32_t back = 1; back <= N && back <= ring.end; ++back) {
      if ((ring.end - back) % N == slot) {
        index = ring.end - back;
        held = ring.find(index);
      }
    }
    if (stale_index && *stale_index % N == slot && (!held || held->results == 0)) {
      writer(*stale_index, std::uint32_t{7}, std::uint32_t{7}, LatencyHistogram{},
             std::uint16_t{0});
      continue;
    }
    const CheckStatistics::Bucket empty;
    const CheckStatistics::Bucket& bucket = held ? *held : empty;
    writer(index, bucket.results, bucket.good, bucket.latency, std::uint16_t{3});
  }
}

TEST_F(CheckStatisticsTest, ReadsVersionOneSnapshots) {
  for (int i = 0; i < 40; ++i)
    result(at(i * 37min), i % 9 == 0 ? Outcome::kFail : Outcome::kOk, (i % 5 + 1) * 30ms);
  const auto rings = statistics_.rings(kApi);
  ASSERT_TRUE(rings);

  std::string bytes;
  ByteWriter writer(bytes);
  write_snapshot_header(writer, "STAT", 1, sequence_);
  writer(std::uint32_t{1}, kApi);
  write_ring_v1(writer, rings->five_minutes);
  write_ring_v1(writer, rings->hours);
  const std::uint32_t newest_day = rings->days.end - 1;
  write_ring_v1(writer, rings->days, newest_day - 40);

  CheckStatistics restored;
  ASSERT_TRUE(restored.restore(bytes)) << "a version 1 snapshot must still be read";
  EXPECT_EQ(restored.checkpoint(), sequence_);
  ASSERT_TRUE(restored.rings(kApi));
  EXPECT_EQ(*restored.rings(kApi), *rings) << "the same buckets, the stale one dropped";
  const Timestamp now = at(40 * 37min);
  for (auto window : {StatsWindow::kHour, StatsWindow::kDay, StatsWindow::kMonth}) {
    const WindowStats before = statistics_.window(kApi, window, now);
    const WindowStats after = restored.window(kApi, window, now);
    EXPECT_EQ(after.results, before.results);
    EXPECT_EQ(after.good, before.good);
    EXPECT_EQ(after.p95, before.p95);
  }
}

TEST_F(CheckStatisticsTest, SnapshotsRoundTrip) {
  for (int i = 0; i < 25; ++i)
    result(at(i * 53min), i % 4 == 0 ? Outcome::kFail : Outcome::kOk, (i + 1) * 11ms);
  std::string bytes;
  statistics_.snapshot(bytes);
  CheckStatistics restored;
  ASSERT_TRUE(restored.restore(bytes));
  EXPECT_EQ(*restored.rings(kApi), *statistics_.rings(kApi));
  bytes.pop_back();
  EXPECT_FALSE(CheckStatistics().restore(bytes)) << "a truncated snapshot is refused";
}

}  // namespace
}  // namespace nyxmon::projections
