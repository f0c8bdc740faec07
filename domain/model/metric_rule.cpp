#include "domain/model/metric_rule.hpp"

#include <charconv>
#include <cmath>
#include <set>

namespace nyxmon::domain {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

std::optional<double> as_number(std::string_view text) {
  text = trimmed(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// The shortest text that reads back as `value` ("150", "0.25").
std::string number_text(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "?";
}

template <class T>
bool compare(const T& left, Comparison comparison, const T& right) {
  switch (comparison) {
    case Comparison::kLess:
      return left < right;
    case Comparison::kLessOrEqual:
      return left <= right;
    case Comparison::kGreater:
      return left > right;
    case Comparison::kGreaterOrEqual:
      return left >= right;
    case Comparison::kEqual:
      return left == right;
    case Comparison::kNotEqual:
      return left != right;
  }
  return false;
}

}  // namespace

std::string_view to_string(Comparison comparison) {
  switch (comparison) {
    case Comparison::kLess:
      return "<";
    case Comparison::kLessOrEqual:
      return "<=";
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterOrEqual:
      return ">=";
    case Comparison::kEqual:
      return "==";
    case Comparison::kNotEqual:
      return "!=";
  }
  return "?";
}

std::optional<Threshold> parse_threshold(std::string_view text) {
  text = trimmed(text);
  // Two-character operators first, so that "<=" is not read as "<".
  static constexpr Comparison kOrder[] = {Comparison::kLessOrEqual, Comparison::kGreaterOrEqual,
                                          Comparison::kEqual,       Comparison::kNotEqual,
                                          Comparison::kLess,        Comparison::kGreater};
  for (Comparison comparison : kOrder) {
    const std::string_view symbol = to_string(comparison);
    if (!text.starts_with(symbol)) continue;
    std::string_view operand = trimmed(text.substr(symbol.size()));
    if (operand.size() >= 2 && (operand.front() == '"' || operand.front() == '\'') &&
        operand.back() == operand.front()) {
      operand = operand.substr(1, operand.size() - 2);
    } else if (operand.empty()) {
      return std::nullopt;
    }
    return Threshold{comparison, std::string(operand)};
  }
  return std::nullopt;
}

std::string describe(const Threshold& threshold) {
  const bool numeric = as_number(threshold.operand).has_value();
  return std::string(to_string(threshold.comparison)) + " " +
         (numeric ? threshold.operand : "\"" + threshold.operand + "\"");
}

std::string describe_value(const Measurement& value) {
  if (!value.text.empty()) return "\"" + value.text + "\"";
  return number_text(value.value) + value.unit;
}

std::string describe_measurements(const std::vector<Measurement>& measurements) {
  std::string text;
  for (const auto& measurement : measurements) {
    if (!text.empty()) text += ' ';
    text += measurement.label + "=" + describe_value(measurement);
  }
  return text;
}

bool crosses(const Measurement& value, const Threshold& threshold) {
  if (value.text.empty()) {
    if (auto operand = as_number(threshold.operand))
      return compare(value.value, threshold.comparison, *operand);
    return compare(number_text(value.value), threshold.comparison, threshold.operand);
  }
  return compare(value.text, threshold.comparison, threshold.operand);
}

void validate(const std::vector<MetricRule>& rules, const std::string& path,
              ValidationProblems& problems) {
  if (rules.size() > kMaxMetricRules) {
    problems.push_back({path, std::to_string(rules.size()) + " metrics; at most " +
                                  std::to_string(kMaxMetricRules) + " per check"});
  }
  std::set<std::string> labels;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    const MetricRule& rule = rules[i];
    if (rule.pointer.empty()) problems.push_back({at + ".pointer", "is missing"});
    if (!labels.insert(rule.label_or_pointer()).second) {
      problems.push_back(
          {at + ".label", "'" + rule.label_or_pointer() + "' is used by another metric"});
    }
  }
}

}  // namespace nyxmon::domain
