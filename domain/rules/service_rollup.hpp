// service_rollup.hpp — a service's status from its checks' statuses: the
// worst of them, where down > degraded > up > pending. A check of severity
// `warning` makes its service at most degraded. Paused checks do not count;
// a service with no counting check is pending.
#pragma once

#include <span>

#include "domain/status.hpp"

namespace nyxmon::domain {

struct MemberStatus {
  Status status = Status::kPending;
  Severity severity = Severity::kCritical;
};

Status roll_up(std::span<const MemberStatus> checks);

}  // namespace nyxmon::domain
