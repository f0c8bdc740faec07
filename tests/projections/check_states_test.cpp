// The check states projection hands out records that stay as they were:
// a reader on another thread holds one while the core folds new events.
#include <gtest/gtest.h>

#include "projections/check_states.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

TEST(CheckStates, ASharedRecordKeepsWhatItSawWhileTheCheckMovesOn) {
  CheckStates states;
  const CheckSpec spec = testing::http_check("api");
  states.apply(Envelope{1, "check-api", 1, at(), CheckDefined{spec}});
  const auto held = states.shared(spec.id);
  ASSERT_TRUE(held);
  EXPECT_FALSE(held->last_result);

  CheckResultRecorded recorded;
  recorded.check = spec.id;
  recorded.run = 1;
  recorded.result = testing::result(Outcome::kFail, at(1s));
  const CheckRecord* changed = states.apply(Envelope{2, "check-api", 2, at(2s), recorded});

  ASSERT_NE(changed, nullptr);
  ASSERT_TRUE(changed->last_result);
  EXPECT_EQ(changed->last_result->outcome, Outcome::kFail);
  EXPECT_EQ(states.find(spec.id), changed);
  EXPECT_FALSE(held->last_result) << "the holder's record must not change under it";
  EXPECT_NE(held.get(), changed);

  // Nobody holds the new record: the next event changes it in place.
  recorded.run = 2;
  recorded.result = testing::result(Outcome::kOk, at(61s));
  EXPECT_EQ(states.apply(Envelope{3, "check-api", 3, at(62s), recorded}), changed);
  EXPECT_EQ(states.shared(spec.id)->last_result->outcome, Outcome::kOk);
}

}  // namespace
}  // namespace nyxmon::projections
