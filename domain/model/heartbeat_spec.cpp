#include "domain/model/heartbeat_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void validate(const HeartbeatSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_positive(spec.period, path + ".period", problems);
  if (spec.grace < Duration::zero()) problems.push_back({path + ".grace", "must not be negative"});
  if (!spec.token.empty() &&
      (spec.token.size() < 8 ||
       spec.token.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
                                    "NOPQRSTUVWXYZ0123456789-_") != std::string::npos)) {
    problems.push_back(
        {path + ".token", "must be at least 8 characters of A-Z, a-z, 0-9, '-' and '_'"});
  }
}

}  // namespace nyxmon::domain
