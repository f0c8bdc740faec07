// Push tokens: the only secret in front of /ping/<token>, so the validator
// refuses tokens short enough to guess and says how to get a good one.
#include "domain/model/heartbeat_spec.hpp"

#include <gtest/gtest.h>

namespace nyxmon::domain {
namespace {

ValidationProblems problems_of(std::string token) {
  ValidationProblems problems;
  validate(HeartbeatSpec{.token = std::move(token)}, "checks[0].heartbeat", problems);
  return problems;
}

TEST(HeartbeatSpecValidation, ATokenOfSixteenUrlSafeCharactersPasses) {
  EXPECT_TRUE(problems_of("abcdefghIJKLMN-_").empty());
  EXPECT_TRUE(problems_of("0123456789abcdef0123456789ABCDEF").empty());
}

TEST(HeartbeatSpecValidation, NoTokenMeansPingsOnlyThroughTheCliAndPasses) {
  EXPECT_TRUE(problems_of("").empty());
}

TEST(HeartbeatSpecValidation, AnEightCharacterTokenIsRefusedWithTheRuleAndHowToGetOne) {
  const auto problems = problems_of("backup-7");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "checks[0].heartbeat.token");
  EXPECT_NE(problems[0].message.find("is 8 characters long"), std::string::npos)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("at least 16 characters"), std::string::npos)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("nyxmon token"), std::string::npos) << problems[0].message;
}

TEST(HeartbeatSpecValidation, FifteenCharactersAreOneTooFew) {
  EXPECT_EQ(problems_of("abcdefghijklmno").size(), 1u);
  EXPECT_TRUE(problems_of("abcdefghijklmnop").empty());
}

TEST(HeartbeatSpecValidation, ACharacterOutsideTheUrlSafeAlphabetIsNamedWithItsPosition) {
  const auto problems = problems_of("abcdefgh/ijklmnopq");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("contains '/' at position 9"), std::string::npos)
      << problems[0].message;
  const auto control = problems_of(std::string("abcdefghijklmnop\n"));
  ASSERT_EQ(control.size(), 1u);
  EXPECT_NE(control[0].message.find("byte 10 at position 17"), std::string::npos)
      << control[0].message;
}

}  // namespace
}  // namespace nyxmon::domain
