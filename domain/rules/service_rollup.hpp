// service_rollup.hpp — a service's status from its checks' statuses: the
// worst of them, where down > degraded > unreachable > maintenance > up >
// pending. A check of severity `warning` makes its service at most
// degraded. Paused checks do not count; a service with no counting check is
// pending.
#pragma once

#include <optional>
#include <span>

#include "domain/status.hpp"

namespace nyxmon::domain {

struct MemberStatus {
  Status status = Status::kPending;
  Severity severity = Severity::kCritical;
};

Status roll_up(std::span<const MemberStatus> checks);

// The service's status after one member changed from `before` to `after`,
// when that follows without looking at the other members (the change raises
// the worst, or does not touch it); nullopt when a full roll_up() is needed
// (the member that was the worst got better). Keeps large services O(1) per
// result.
std::optional<Status> roll_up_one_change(Status service, MemberStatus before, MemberStatus after);

}  // namespace nyxmon::domain
