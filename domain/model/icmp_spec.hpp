// icmp_spec.hpp — an icmp check: echo requests and the loss and round-trip
// levels that make a run warn or fail.
#pragma once

#include <optional>
#include <string>

#include "domain/model/number_range.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

inline constexpr NumberRange kEchoCountRange{1, 100};
inline constexpr NumberRange kPercentRange{0, 100, "a percentage"};

struct IcmpSpec {
  std::string host;
  int count = 3;
  Duration interval = std::chrono::milliseconds(200);
  double loss_warn_percent = 1;      // loss at or above this: warn
  double loss_fail_percent = 100;    // loss at or above this: fail
  std::optional<Duration> rtt_warn;  // average round trip above this: warn
  std::optional<Duration> rtt_fail;  // average round trip above this: fail

  bool operator==(const IcmpSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(host, count, interval, loss_warn_percent, loss_fail_percent, rtt_warn, rtt_fail);
  }
};

void validate(const IcmpSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
