#include "domain/rules/service_rollup.hpp"

namespace nyxmon::domain {
namespace {

int rank(Status status) {
  switch (status) {
    case Status::kDown:
      return 5;
    case Status::kDegraded:
      return 4;
    case Status::kUnreachable:
      return 3;
    case Status::kMaintenance:
      return 2;
    case Status::kUp:
      return 1;
    default:
      return 0;
  }
}

Status contribution(MemberStatus member) {
  if (member.status == Status::kPaused) return Status::kPending;
  if (member.status == Status::kDown && member.severity == Severity::kWarning)
    return Status::kDegraded;
  return member.status;
}

}  // namespace

std::optional<Status> roll_up_one_change(Status service, MemberStatus before, MemberStatus after) {
  const int now = rank(service);
  const int was = rank(contribution(before));
  const int becomes = rank(contribution(after));
  if (becomes >= now) return contribution(after);
  if (was < now) return service;
  return std::nullopt;
}

Status roll_up(std::span<const MemberStatus> checks) {
  Status worst = Status::kPending;
  for (const MemberStatus& check : checks) {
    if (check.status == Status::kPaused) continue;
    Status contribution = check.status;
    if (contribution == Status::kDown && check.severity == Severity::kWarning) {
      contribution = Status::kDegraded;
    }
    if (rank(contribution) > rank(worst)) worst = contribution;
  }
  return worst;
}

}  // namespace nyxmon::domain
