#include "infrastructure/probes/json_metrics.hpp"

#include <gtest/gtest.h>

#include "infrastructure/probes/judges.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

MetricRule rule(std::string pointer, const char* warn, const char* fail, std::string label = "") {
  MetricRule made;
  made.pointer = std::move(pointer);
  made.label = std::move(label);
  if (warn) made.warn = parse_threshold(warn);
  if (fail) made.fail = parse_threshold(fail);
  return made;
}

HttpExchange answered(std::string body) {
  HttpExchange exchange;
  exchange.status = 200;
  exchange.body = std::move(body);
  exchange.timings.total = 5ms;
  return exchange;
}

const std::string kBody =
    R"({"queue":{"depth":150,"state":"draining","paused":false},"workers":[3,4]})";

TEST(JsonMetrics, ValuesAreRecordedAndTheWorstThresholdCrossedDecides) {
  const std::vector<MetricRule> rules = {
      rule("/queue/depth", "> 100", "> 1000"), rule("queue.state", nullptr, nullptr, "state"),
      rule("/queue/paused", nullptr, "== 1"), rule("/workers/1", "< 5", nullptr, "workers")};
  const auto result = judge(HttpSpec{}, answered(kBody), rules);
  EXPECT_EQ(result.outcome, Outcome::kWarn);
  EXPECT_EQ(result.reason, "/queue/depth is 150 (> 100)");
  ASSERT_EQ(result.measurements.size(), 4u);
  EXPECT_EQ(result.measurements[0], (Measurement{"/queue/depth", 150, "", ""}));
  EXPECT_EQ(result.measurements[1], (Measurement{"state", 0, "", "draining"}));
  EXPECT_EQ(result.measurements[2], (Measurement{"/queue/paused", 0, "", ""}));
  EXPECT_EQ(result.measurements[3], (Measurement{"workers", 4, "", ""}));

  const auto failing = judge(
      HttpSpec{}, answered(kBody),
      {rule("/queue/depth", "> 10", "> 100"), rule("queue.state", nullptr, "!= running", "state")});
  EXPECT_EQ(failing.outcome, Outcome::kFail);
  EXPECT_EQ(failing.reason, "/queue/depth is 150 (> 100)");
}

TEST(JsonMetrics, StringsCompareAsText) {
  std::vector<Measurement> measurements;
  auto findings =
      read_json_metrics(kBody, {rule("/queue/state", nullptr, "== draining")}, measurements);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].reason, "/queue/state is \"draining\" (== \"draining\")");
}

TEST(JsonMetrics, AMissingValueOrABodyThatIsNotJsonFails) {
  std::vector<Measurement> measurements;
  auto missing = read_json_metrics(kBody, {rule("/queue/length", nullptr, "> 1")}, measurements);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].outcome, Outcome::kFail);
  EXPECT_EQ(missing[0].reason, "metric /queue/length: JSON has no '/queue/length'");
  EXPECT_TRUE(measurements.empty());
  auto not_json = read_json_metrics("<html>", {rule("/a", nullptr, nullptr)}, measurements);
  ASSERT_EQ(not_json.size(), 1u);
  EXPECT_NE(not_json[0].reason.find("body is not JSON"), std::string::npos) << not_json[0].reason;
}

TEST(JsonMetrics, AFailedExchangeReadsNoMetrics) {
  HttpExchange refused;
  refused.failure = "connection refused by 127.0.0.1:1";
  const auto result = judge(HttpSpec{}, refused, {rule("/a", nullptr, "> 1")});
  EXPECT_EQ(result.reason, "connection refused by 127.0.0.1:1");
  EXPECT_TRUE(result.measurements.empty());
}

}  // namespace
}  // namespace nyxmon::infra::probes
