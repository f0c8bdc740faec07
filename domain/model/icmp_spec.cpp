#include "domain/model/icmp_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void validate(const IcmpSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_host(spec.host, path + ".host", problems);
  if (spec.count < 1 || spec.count > 100) {
    problems.push_back({path + ".count", std::to_string(spec.count) + " is not 1-100"});
  }
  require_positive(spec.interval, path + ".interval", problems);
  for (auto [value, name] : {std::pair{spec.loss_warn_percent, ".loss_warn_percent"},
                             std::pair{spec.loss_fail_percent, ".loss_fail_percent"}}) {
    if (value < 0 || value > 100) {
      problems.push_back({path + name, std::to_string(value) + " is not a percentage (0-100)"});
    }
  }
  require_positive(spec.rtt_warn, path + ".rtt_warn", problems);
  require_positive(spec.rtt_fail, path + ".rtt_fail", problems);
}

}  // namespace nyxmon::domain
