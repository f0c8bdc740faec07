// When weekly maintenance windows open and close in UTC, across the changes
// to and from summer time in Europe/Berlin (the real tz database).
#include "infrastructure/calendar/maintenance_calendar.hpp"

#include <gtest/gtest.h>

#include "domain/model/time_text.hpp"

namespace nyxmon::infra::calendar {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

Timestamp utc(const char* text) {
  auto parsed = parse_timestamp(text);
  EXPECT_TRUE(parsed) << text;
  return parsed.value_or(Timestamp{});
}

MaintenanceSpec sundays_at(std::uint16_t minute_of_day, Duration length) {
  MaintenanceSpec spec;
  spec.id = MaintenanceId{"backups"};
  spec.scope.everything = true;
  spec.duration = length;
  spec.weekly = WeeklyRecurrence{*weekday_bit("sun"), minute_of_day, "Europe/Berlin"};
  return spec;
}

TEST(MaintenanceCalendar, AWeeklyWindowKeepsItsLocalTimeAcrossTheChangeToSummerTime) {
  const MaintenanceSpec spec = sundays_at(60, 3h);  // 01:00 local, 3 hours
  // Sunday 22 March 2026: CET (UTC+1), so 01:00 local is 00:00 UTC.
  auto first = next_occurrence(spec, utc("2026-03-21T12:00:00Z"));
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->start, utc("2026-03-22T00:00:00Z"));
  EXPECT_EQ((*first)->end, utc("2026-03-22T03:00:00Z"));
  // Sunday 29 March: clocks go from 02:00 CET to 03:00 CEST; 01:00 is still CET.
  auto second = next_occurrence(spec, (*first)->start);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->start, utc("2026-03-29T00:00:00Z"));
  // It lasts three real hours, though the clocks show 01:00 to 05:00.
  EXPECT_EQ((*second)->end, utc("2026-03-29T03:00:00Z"));
  // Sunday 5 April: CEST (UTC+2), so 01:00 local is 23:00 UTC the day before.
  auto third = next_occurrence(spec, (*second)->start);
  ASSERT_TRUE(third && *third);
  EXPECT_EQ((*third)->start, utc("2026-04-04T23:00:00Z"));

  // Open inside, closed outside.
  auto open = occurrence_at(spec, utc("2026-03-29T02:59:59Z"));
  ASSERT_TRUE(open && *open);
  EXPECT_EQ((*open)->start, utc("2026-03-29T00:00:00Z"));
  auto closed = occurrence_at(spec, utc("2026-03-29T03:00:00Z"));
  ASSERT_TRUE(closed);
  EXPECT_FALSE(*closed);
}

TEST(MaintenanceCalendar, ASkippedLocalTimeStartsAtTheChangeAndARepeatedOneAtItsFirstInstant) {
  const MaintenanceSpec spec = sundays_at(150, 1h);  // 02:30 local
  // 29 March 2026: 02:30 does not exist in Berlin; the window opens at the
  // change, 03:00 CEST = 01:00 UTC.
  auto spring = next_occurrence(spec, utc("2026-03-28T00:00:00Z"));
  ASSERT_TRUE(spring && *spring);
  EXPECT_EQ((*spring)->start, utc("2026-03-29T01:00:00Z"));
  // 25 October 2026: 02:30 happens twice; the first is 02:30 CEST = 00:30 UTC.
  auto autumn = next_occurrence(spec, utc("2026-10-24T00:00:00Z"));
  ASSERT_TRUE(autumn && *autumn);
  EXPECT_EQ((*autumn)->start, utc("2026-10-25T00:30:00Z"));
  // The next Sunday is CET again: 02:30 local = 01:30 UTC.
  auto after = next_occurrence(spec, (*autumn)->start);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->start, utc("2026-11-01T01:30:00Z"));
}

TEST(MaintenanceCalendar, AOneOffWindowIsOpenFromItsStartForItsDuration) {
  MaintenanceSpec spec;
  spec.id = MaintenanceId{"migration"};
  spec.scope.everything = true;
  spec.start = utc("2026-12-05T22:00:00Z");
  spec.duration = 3h;
  EXPECT_FALSE(*occurrence_at(spec, utc("2026-12-05T21:59:59Z")));
  EXPECT_TRUE(*occurrence_at(spec, utc("2026-12-05T22:00:00Z")));
  EXPECT_FALSE(*occurrence_at(spec, utc("2026-12-06T01:00:00Z")));
  EXPECT_EQ((*next_occurrence(spec, utc("2026-12-01T00:00:00Z")))->end,
            utc("2026-12-06T01:00:00Z"));
  EXPECT_FALSE(*next_occurrence(spec, utc("2026-12-05T22:00:00Z")));
}

TEST(MaintenanceCalendar, AnUnknownTimeZoneIsAnErrorThatNamesIt) {
  MaintenanceSpec spec = sundays_at(60, 1h);
  spec.weekly->time_zone = "Europe/Atlantis";
  auto open = occurrence_at(spec, utc("2026-03-29T00:30:00Z"));
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("'Europe/Atlantis' is not in the tz database"),
            std::string::npos);
  EXPECT_TRUE(check_time_zone("UTC"));
}

}  // namespace
}  // namespace nyxmon::infra::calendar
