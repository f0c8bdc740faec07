// Fuzz target: what a plugin of an exec check prints (summary, long text,
// performance data), judged as the engine judges it, and the same bytes
// read as a metric threshold. Whatever a command writes, the parser never
// reads out of bounds, every measurement it keeps has a label and a finite
// value, and the judged result fits in an event once bounded.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model/bounded_text.hpp"
#include "domain/model/metric_rule.hpp"
#include "infrastructure/probes/judges.hpp"
#include "infrastructure/probes/plugin_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = infra::probes::parse_plugin_output(text);
  for (const auto& measurement : parsed.performance_data) {
    if (measurement.label.empty() || !std::isfinite(measurement.value)) __builtin_trap();
  }
  infra::probes::ProcessOutcome outcome;
  outcome.exit_code = size % 5;
  outcome.output = std::string(text);
  domain::ExecSpec spec;
  spec.command = {"check_fuzz"};
  const auto result = domain::with_bounded_text(infra::probes::judge(spec, outcome));
  if (result.reason.size() > domain::kMaxReasonBytes) __builtin_trap();
  if (result.measurements.size() > domain::kMaxMeasurements) __builtin_trap();
  (void)domain::describe_measurements(result.measurements);
  if (auto threshold = domain::parse_threshold(text)) {
    (void)domain::describe(*threshold);
    (void)domain::crosses(domain::Measurement{"x", 1.5, "", ""}, *threshold);
    (void)domain::crosses(domain::Measurement{"x", 0, "", "text"}, *threshold);
  }
  return 0;
}
