#include "domain/rules/service_rollup.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace nyxmon::domain {
namespace {

constexpr Severity critical = Severity::kCritical, warning = Severity::kWarning;

TEST(ServiceRollup, IsTheWorstCountingStatus) {
  struct Case {
    const char* name;
    std::vector<MemberStatus> checks;
    Status expected;
  };
  const std::vector<Case> cases = {
      {"no checks", {}, Status::kPending},
      {"all pending", {{Status::kPending, critical}}, Status::kPending},
      {"one up", {{Status::kUp, critical}, {Status::kPending, critical}}, Status::kUp},
      {"degraded beats up",
       {{Status::kUp, critical}, {Status::kDegraded, critical}},
       Status::kDegraded},
      {"down beats all",
       {{Status::kDegraded, critical}, {Status::kDown, critical}, {Status::kUp, critical}},
       Status::kDown},
      {"a warning check down only degrades",
       {{Status::kUp, critical}, {Status::kDown, warning}},
       Status::kDegraded},
      {"paused checks do not count",
       {{Status::kUp, critical}, {Status::kPaused, critical}},
       Status::kUp},
      {"only paused is pending", {{Status::kPaused, critical}}, Status::kPending},
      {"critical down with warning down",
       {{Status::kDown, warning}, {Status::kDown, critical}},
       Status::kDown},
  };
  for (const Case& c : cases)
    EXPECT_EQ(roll_up(c.checks), c.expected) << c.name;
}

}  // namespace
}  // namespace nyxmon::domain
