#include "domain/model/utf8_text.hpp"

#include <gtest/gtest.h>

namespace nyxmon::domain {
namespace {

TEST(Utf8Text, ValidTextComesBackAsItIs) {
  EXPECT_EQ(valid_utf8("plain ascii"), "plain ascii");
  EXPECT_EQ(valid_utf8("→ ünïcödé 🚀"), "→ ünïcödé 🚀");
  EXPECT_EQ(valid_utf8(""), "");
}

TEST(Utf8Text, EveryBadByteBecomesOneReplacementCharacter) {
  EXPECT_EQ(valid_utf8("a\xfc\xfc"
                       "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");                                                   // not a lead byte
  EXPECT_EQ(valid_utf8("\x80"), "\xEF\xBF\xBD");                    // stray continuation
  EXPECT_EQ(valid_utf8("x\xE2\x86"), "x\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");    // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // above U+10FFFF
}

}  // namespace
}  // namespace nyxmon::domain
