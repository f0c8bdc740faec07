#include "domain/model/icmp_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void validate(const IcmpSpec& spec, const std::string& path, ValidationProblems& problems) {
  require_host(spec.host, path + ".host", problems);
  require_in(spec.count, kEchoCountRange, path + ".count", problems);
  require_positive(spec.interval, path + ".interval", problems);
  for (auto [value, name] : {std::pair{spec.loss_warn_percent, ".loss_warn_percent"},
                             std::pair{spec.loss_fail_percent, ".loss_fail_percent"}}) {
    if (!kPercentRange.contains(value)) {
      problems.push_back(
          {path + name, std::to_string(value) + " is not " + kPercentRange.describe()});
    }
  }
  require_positive(spec.rtt_warn, path + ".rtt_warn", problems);
  require_positive(spec.rtt_fail, path + ".rtt_fail", problems);
}

}  // namespace nyxmon::domain
