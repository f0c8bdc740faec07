// json_metrics.hpp — an http check's metrics read from its JSON body: each
// rule's value recorded as a Measurement, and each threshold it crosses as
// a finding whose reason names the metric, its value and the threshold
// ("/queue/depth is 1500 (> 1000)").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model/metric_rule.hpp"
#include "domain/status.hpp"

namespace nyxmon::infra::probes {

struct MetricFinding {
  domain::Outcome outcome = domain::Outcome::kFail;  // kWarn or kFail
  std::string reason;
};

// Appends a measurement per rule found in `body` to `measurements`; a body
// that is not JSON, or a value that is not there, is a failing finding.
std::vector<MetricFinding> read_json_metrics(std::string_view body,
                                             const std::vector<domain::MetricRule>& rules,
                                             std::vector<domain::Measurement>& measurements);

}  // namespace nyxmon::infra::probes
