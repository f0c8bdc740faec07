#include "domain/model/bounded_text.hpp"

#include <gtest/gtest.h>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::domain {
namespace {

TEST(BoundedText, ShortValidTextComesBackAsIs) {
  EXPECT_EQ(bounded_text("expected status 200, got 503", 200), "expected status 200, got 503");
  EXPECT_EQ(bounded_text("Grüße, 東京", 200), "Grüße, 東京");
}

TEST(BoundedText, LongTextIsCutWithinTheLimitAndSaysHowMuchWent) {
  const std::string text(900 * 1024, 'A');
  const std::string bounded = bounded_text(text, 200);
  EXPECT_LE(bounded.size(), 200u);
  EXPECT_TRUE(bounded.starts_with("AAAA"));
  const std::size_t kept = bounded.find("…");
  ASSERT_NE(kept, std::string::npos);
  EXPECT_EQ(bounded.substr(kept), "… (+" + std::to_string(text.size() - kept) + " bytes)");
}

TEST(BoundedText, TheCutNeverSplitsACharacter) {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "東";  // three bytes each
  for (std::size_t limit = 32; limit < 80; ++limit) {
    const std::string bounded = bounded_text(text, limit);
    EXPECT_LE(bounded.size(), limit);
    EXPECT_EQ(valid_utf8(bounded), bounded) << "limit " << limit;
  }
}

TEST(BoundedText, InvalidBytesAndControlsAreMadeSafeAndTheTextStaysOnOneLine) {
  EXPECT_EQ(bounded_text("a\xff"
                         "b\r\nc\td\x01"
                         "e",
                         200),
            "a\xEF\xBF\xBD"
            "b  c d\xEF\xBF\xBD"
            "e");
}

TEST(BoundedText, AResultKeepsABoundedReasonAndAtMostSixteenBoundedAnswers) {
  ProbeResult result;
  result.reason = std::string(10'000, 'r');
  for (int i = 0; i < 40; ++i)
    result.answers.push_back(std::string(1000, 't'));
  const ProbeResult bounded = with_bounded_text(result);
  EXPECT_LE(bounded.reason.size(), kMaxReasonBytes);
  ASSERT_EQ(bounded.answers.size(), kMaxAnswers);
  for (const auto& answer : bounded.answers)
    EXPECT_LE(answer.size(), kMaxAnswerBytes);
  EXPECT_EQ(bounded.answers.back(), "… (+25 answers)");
}

}  // namespace
}  // namespace nyxmon::domain
