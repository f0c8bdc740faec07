#include "infrastructure/probes/plugin_output.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::probes {
namespace {

using domain::Measurement;

TEST(PluginOutput, ReadsTheSummaryAndThePerformanceDataOfTheFirstLine) {
  const auto parsed = parse_plugin_output(
      "HTTP OK: HTTP/1.0 200 OK - 2658 bytes in 0.003 second response time "
      "|time=0.003201s;;;0.000000;10.000000 size=2658B;;;0;\n");
  EXPECT_EQ(parsed.summary, "HTTP OK: HTTP/1.0 200 OK - 2658 bytes in 0.003 second response time");
  ASSERT_EQ(parsed.performance_data.size(), 2u);
  EXPECT_EQ(parsed.performance_data[0], (Measurement{"time", 0.003201, "s", {}}));
  EXPECT_EQ(parsed.performance_data[1], (Measurement{"size", 2658, "B", {}}));
  EXPECT_EQ(parsed.unreadable_items, 0u);
  EXPECT_EQ(parsed.long_text, "");
}

TEST(PluginOutput, ReadsLongTextAndPerformanceDataOnLaterLines) {
  // The plugin API's own example, with quoted labels.
  const auto parsed = parse_plugin_output(
      "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
      "/ 15272 MB (77%);\n"
      "/boot 68 MB (69%);\n"
      "/home 69357 MB (27%); | /boot=68MB;88;93;0;98\n"
      "'/home dir'=69357MB;253404;253409;0;253414\n"
      "'it''s'=1%\n");
  EXPECT_EQ(parsed.summary, "DISK OK - free space: / 3326 MB (56%);");
  EXPECT_EQ(parsed.long_text, "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);");
  ASSERT_EQ(parsed.performance_data.size(), 4u);
  EXPECT_EQ(parsed.performance_data[0], (Measurement{"/", 2643, "MB", {}}));
  EXPECT_EQ(parsed.performance_data[1], (Measurement{"/boot", 68, "MB", {}}));
  EXPECT_EQ(parsed.performance_data[2], (Measurement{"/home dir", 69357, "MB", {}}));
  EXPECT_EQ(parsed.performance_data[3], (Measurement{"it's", 1, "%", {}}));
}

TEST(PluginOutput, LeavesOutWhatDoesNotParseAndCountsIt) {
  const auto parsed = parse_plugin_output(
      "OK | load1=U;1;2 novalue= =3 fine=-1.5e3c;;; junk 'unterminated=4 also=7");
  EXPECT_EQ(parsed.summary, "OK");
  ASSERT_EQ(parsed.performance_data.size(), 1u);
  EXPECT_EQ(parsed.performance_data[0], (Measurement{"fine", -1500, "c", {}}));
  // U, novalue=, =3, junk, and the unterminated quote with all after it.
  EXPECT_EQ(parsed.unreadable_items, 5u);
}

TEST(PluginOutput, OutputWithoutPerformanceDataOrAnythingAtAllIsFine) {
  EXPECT_EQ(parse_plugin_output("WARNING: hello there\n").summary, "WARNING: hello there");
  const auto empty = parse_plugin_output("");
  EXPECT_EQ(empty.summary, "");
  EXPECT_TRUE(empty.performance_data.empty());
  EXPECT_EQ(parse_plugin_output("   |   \n\n").summary, "");
}

}  // namespace
}  // namespace nyxmon::infra::probes
