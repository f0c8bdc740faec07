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

namespace nyxmon::domain {
namespace {

TEST(ServiceRollup, OneChangeDecidesWithoutTheOtherMembersWhenItCan) {
  const MemberStatus up{Status::kUp, Severity::kCritical};
  const MemberStatus down{Status::kDown, Severity::kCritical};
  const MemberStatus pending{Status::kPending, Severity::kCritical};
  const MemberStatus warning_down{Status::kDown, Severity::kWarning};
  EXPECT_EQ(roll_up_one_change(Status::kPending, pending, up), Status::kUp);
  EXPECT_EQ(roll_up_one_change(Status::kUp, pending, up), Status::kUp);
  EXPECT_EQ(roll_up_one_change(Status::kUp, up, down), Status::kDown);
  EXPECT_EQ(roll_up_one_change(Status::kUp, up, warning_down), Status::kDegraded);
  EXPECT_EQ(roll_up_one_change(Status::kDown, pending, up), Status::kDown)
      << "not the worst member";
  EXPECT_EQ(roll_up_one_change(Status::kDown, down, up), std::nullopt)
      << "the worst recovered: scan";
}

}  // namespace
}  // namespace nyxmon::domain
