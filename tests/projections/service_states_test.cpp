// Which checks a service holds as checks are defined, moved to another
// service by a redefinition, and removed.
#include <gtest/gtest.h>

#include "projections/service_states.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::projections {
namespace {

using namespace nyxmon::domain;
using testing::at;

TEST(ServiceStates, ARedefinitionMovesACheckAndARemovalTakesItOut) {
  ServiceStates services;
  std::uint64_t sequence = 0;
  auto apply = [&](Event event) {
    ++sequence;
    services.apply(Envelope{sequence, "x", sequence, at(), std::move(event)});
  };
  apply(ServiceDefined{testing::service_spec("web")});
  apply(ServiceDefined{testing::service_spec("db")});
  CheckSpec api = testing::http_check("api", "web");
  apply(CheckDefined{api});
  EXPECT_TRUE(services.find(ServiceId{"web"})->checks.contains(api.id));

  api.service = ServiceId{"db"};
  apply(CheckRedefined{api});
  EXPECT_FALSE(services.find(ServiceId{"web"})->checks.contains(api.id));
  EXPECT_TRUE(services.find(ServiceId{"db"})->checks.contains(api.id));

  apply(CheckRemoved{api.id});
  EXPECT_FALSE(services.find(ServiceId{"db"})->checks.contains(api.id));

  // A snapshot taken now restores to the same membership.
  std::string bytes;
  services.snapshot(bytes);
  ServiceStates restored;
  ASSERT_TRUE(restored.restore(bytes));
  EXPECT_TRUE(restored.find(ServiceId{"db"})->checks.empty());
}

}  // namespace
}  // namespace nyxmon::projections
