#include "domain/model/duration_text.hpp"

#include <gtest/gtest.h>

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;

TEST(DurationText, ParsesWhatPeopleWrite) {
  EXPECT_EQ(parse_duration("30s"), Duration(30s));
  EXPECT_EQ(parse_duration("1h30m"), Duration(90min));
  EXPECT_EQ(parse_duration("250ms"), Duration(250ms));
  EXPECT_EQ(parse_duration("1.5s"), Duration(1500ms));
  EXPECT_EQ(parse_duration("7d"), Duration(std::chrono::hours(168)));
  EXPECT_EQ(parse_duration("5x"), std::nullopt);
  EXPECT_EQ(parse_duration("s"), std::nullopt);
  EXPECT_EQ(parse_duration(""), std::nullopt);
  EXPECT_EQ(describe(Duration(90min)), "1h30m");
  EXPECT_EQ(describe(Duration(250ms)), "250ms");
}

}  // namespace
}  // namespace nyxmon::domain
