#include "infrastructure/probes/json_metrics.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/model/bounded_text.hpp"
#include "infrastructure/probes/json_path.hpp"

namespace nyxmon::infra::probes {

using namespace nyxmon::domain;

namespace {

Measurement measurement_of(const boost::json::value& value, const std::string& label) {
  Measurement measurement{label, 0, {}, {}};
  if (value.is_number()) {
    measurement.value = value.to_number<double>();
  } else if (value.is_bool()) {
    measurement.value = value.get_bool() ? 1 : 0;
  } else if (value.is_string()) {
    measurement.text = std::string(value.get_string());
  } else {
    measurement.text = boost::json::serialize(value);
  }
  return measurement;
}

}  // namespace

std::vector<MetricFinding> read_json_metrics(std::string_view body,
                                             const std::vector<MetricRule>& rules,
                                             std::vector<Measurement>& measurements) {
  std::vector<MetricFinding> findings;
  if (rules.empty()) return findings;
  boost::system::error_code error;
  const boost::json::value root = boost::json::parse(body, error);
  if (error) {
    findings.push_back({Outcome::kFail, "body is not JSON (" + error.message() + "), so metric " +
                                            rules.front().label_or_pointer() + " is not there"});
    return findings;
  }
  for (const MetricRule& rule : rules) {
    std::string why;
    const boost::json::value* at = find_json(root, rule.pointer, why);
    if (at == nullptr) {
      findings.push_back({Outcome::kFail, "metric " + rule.label_or_pointer() + ": " + why});
      continue;
    }
    Measurement value = measurement_of(*at, rule.label_or_pointer());
    const auto cross = [&](const std::optional<Threshold>& threshold, Outcome outcome) {
      if (!threshold || !crosses(value, *threshold)) return false;
      findings.push_back({outcome, rule.label_or_pointer() + " is " +
                                       bounded_text(describe_value(value), kMaxQuotedBytes) + " (" +
                                       describe(*threshold) + ")"});
      return true;
    };
    if (!cross(rule.fail, Outcome::kFail)) cross(rule.warn, Outcome::kWarn);
    measurements.push_back(std::move(value));
  }
  return findings;
}

}  // namespace nyxmon::infra::probes
