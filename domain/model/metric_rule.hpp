// metric_rule.hpp — a value an http check reads from its JSON body and the
// thresholds that make a run warn or fail:
//
//   metrics: [{ pointer: /queue/depth, warn: "> 100", fail: "> 1000" }]
//
// Each value read is recorded in the result as a Measurement (labelled by
// `label`, or the pointer) and exported in /metrics like performance data.
// Thresholds compare numbers as numbers and anything else as text, with
// <, <=, >, >=, == or !=.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/probe_result.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

enum class Comparison : std::uint8_t {
  kLess = 0,
  kLessOrEqual = 1,
  kGreater = 2,
  kGreaterOrEqual = 3,
  kEqual = 4,
  kNotEqual = 5,
};

std::string_view to_string(Comparison comparison);  // "<", "<=", ...

struct Threshold {
  Comparison comparison = Comparison::kGreater;
  std::string operand;  // "100", "ok"; quotes around text are removed when read

  bool operator==(const Threshold&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(comparison, operand);
  }
};

// "> 100", ">=0.5", "== ok", "!= \"degraded\"": an operator, then the
// operand (spaces around it ignored). nullopt when `text` has no operator
// or no operand.
std::optional<Threshold> parse_threshold(std::string_view text);
std::string describe(const Threshold& threshold);  // "> 100"

// Whether `value` crosses `threshold`: a number against a numeric operand
// compares numerically; otherwise the value's text (or its number written
// out) compares with the operand as text.
bool crosses(const Measurement& value, const Threshold& threshold);

// "1500", "0.25s", "\"ok\"": a measurement's value as a reason shows it.
std::string describe_value(const Measurement& value);
// "time=0.0012s size=231B": measurements as the performance data of a
// plugin's output line; empty when there are none.
std::string describe_measurements(const std::vector<Measurement>& measurements);

struct MetricRule {
  std::string pointer;  // JSON Pointer (RFC 6901) or its dotted shorthand
  std::string label;    // the measurement's label; empty: the pointer
  std::optional<Threshold> warn;
  std::optional<Threshold> fail;

  const std::string& label_or_pointer() const { return label.empty() ? pointer : label; }
  bool operator==(const MetricRule&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(pointer, label, warn, fail);
  }
};

inline constexpr std::size_t kMaxMetricRules = 32;

void validate(const std::vector<MetricRule>& rules, const std::string& path,
              ValidationProblems& problems);

}  // namespace nyxmon::domain
