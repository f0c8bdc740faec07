#include "domain/model/metric_rule.hpp"

#include <gtest/gtest.h>

#include "domain/model/check_spec.hpp"

namespace nyxmon::domain {
namespace {

TEST(Threshold, ReadsEveryOperatorWithOrWithoutSpaces) {
  const std::pair<const char*, Threshold> cases[] = {
      {"> 100", {Comparison::kGreater, "100"}},
      {">=0.5", {Comparison::kGreaterOrEqual, "0.5"}},
      {" < -3 ", {Comparison::kLess, "-3"}},
      {"<= 1e3", {Comparison::kLessOrEqual, "1e3"}},
      {"== ok", {Comparison::kEqual, "ok"}},
      {"!= \"two words\"", {Comparison::kNotEqual, "two words"}},
      {"== ''", {Comparison::kEqual, ""}},
  };
  for (const auto& [text, expected] : cases) {
    const auto parsed = parse_threshold(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, expected) << text;
  }
  for (const char* bad : {"100", "", ">", "=> 3", "~ 4"})
    EXPECT_FALSE(parse_threshold(bad)) << bad;
}

TEST(Threshold, NumbersCompareAsNumbersAndTextAsText) {
  const Measurement nine{"n", 9, "", ""};
  EXPECT_TRUE(crosses(nine, *parse_threshold("< 10")));  // "9" < "10" would be false as text
  EXPECT_FALSE(crosses(nine, *parse_threshold("> 10")));
  EXPECT_TRUE(crosses(nine, *parse_threshold("== 9.0")));
  EXPECT_TRUE(crosses(nine, *parse_threshold("!= nine")));
  const Measurement state{"s", 0, "", "degraded"};
  EXPECT_TRUE(crosses(state, *parse_threshold("== degraded")));
  EXPECT_TRUE(crosses(state, *parse_threshold("!= ok")));
  EXPECT_FALSE(crosses(state, *parse_threshold("== ok")));
  EXPECT_EQ(describe(*parse_threshold(">=100")), ">= 100");
  EXPECT_EQ(describe(*parse_threshold("!= ok")), "!= \"ok\"");
  EXPECT_EQ(describe_measurements({{"time", 0.25, "s", ""}, {"state", 0, "", "ok"}}),
            "time=0.25s state=\"ok\"");
}

TEST(MetricRules, AreValidatedOnHttpChecksOnly) {
  CheckSpec spec;
  spec.id = CheckId{"api"};
  spec.service = ServiceId{"web"};
  spec.probe = HttpSpec{"http://127.0.0.1/", "GET"};
  spec.metrics = {MetricRule{"", "", std::nullopt, std::nullopt},
                  MetricRule{"/a", "x", std::nullopt, std::nullopt},
                  MetricRule{"/b", "x", std::nullopt, std::nullopt}};
  const auto problems = validate(spec, "checks[0]");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "checks[0].http.metrics[0].pointer");
  EXPECT_EQ(problems[1].path, "checks[0].http.metrics[2].label");
  EXPECT_EQ(problems[1].message, "'x' is used by another metric");

  spec.probe = ExecSpec{{"check_dummy", "0"}, false, {}, ""};
  spec.metrics = {MetricRule{"/a", "", std::nullopt, std::nullopt}};
  const auto on_exec = validate(spec, "checks[0]");
  ASSERT_EQ(on_exec.size(), 1u);
  EXPECT_EQ(on_exec[0].message, "JSON metrics are read by http checks only");
}

TEST(ExecSpecValidation, NamesWhatCannotRun) {
  ValidationProblems problems;
  validate(ExecSpec{}, "checks[1].exec", problems);
  validate(ExecSpec{{"a", "b"}, true, {}, ""}, "checks[2].exec", problems);
  validate(ExecSpec{{"check_dummy"}, false, {{"A=B", "x"}}, "relative/dir"}, "checks[3].exec",
           problems);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].path, "checks[1].exec.command");
  EXPECT_EQ(problems[1].path, "checks[2].exec.shell");
  EXPECT_EQ(problems[2].path, "checks[3].exec.environment");
  EXPECT_EQ(problems[3].path, "checks[3].exec.working_directory");
  problems.clear();
  validate(ExecSpec{{"check_dummy", "0", "all fine"}, false, {{"LANG", "C"}}, "/tmp"}, "e",
           problems);
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace nyxmon::domain
