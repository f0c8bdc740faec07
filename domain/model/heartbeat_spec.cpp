#include "domain/model/heartbeat_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

std::optional<std::string> push_token_problem(std::string_view token) {
  const std::string rule = "must be at least " + std::to_string(kMinimumPushTokenLength) +
                           " characters of A-Z, a-z, 0-9, '-' and '_' (`nyxmon token` prints a "
                           "random one)";
  if (token.size() < kMinimumPushTokenLength)
    return "is " + std::to_string(token.size()) + " characters long; it " + rule;
  if (const auto bad = token.find_first_not_of(kPushTokenAlphabet); bad != std::string::npos) {
    const auto byte = static_cast<unsigned char>(token[bad]);
    const std::string shown = byte > 0x20 && byte < 0x7f ? "'" + std::string(1, token[bad]) + "'"
                                                         : "byte " + std::to_string(byte);
    return "contains " + shown + " at position " + std::to_string(bad + 1) + "; it " + rule;
  }
  return std::nullopt;
}

void validate(const HeartbeatSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_positive(spec.period, path + ".period", problems);
  if (spec.grace < Duration::zero()) problems.push_back({path + ".grace", "must not be negative"});
  if (spec.token.empty()) return;
  if (auto problem = push_token_problem(spec.token))
    problems.push_back({path + ".token", std::move(*problem)});
}

}  // namespace nyxmon::domain
