#include "tests/support/recorded_events.hpp"

#include <gtest/gtest.h>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::testing {

std::vector<domain::Envelope> recorded_events(const std::filesystem::path& data) {
  auto store = infra::eventstore::EventStore::open(data, {.create_if_missing = false});
  EXPECT_TRUE(store) << store.error().message;
  if (!store) return {};
  std::vector<domain::Envelope> events;
  auto batch = (*store)->read_view().read_forward(1, 100'000'000);
  EXPECT_TRUE(batch) << batch.error().message;
  if (!batch) return {};
  for (const auto& record : *batch) {
    auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
    EXPECT_TRUE(envelope) << envelope.error().message;
    if (envelope) events.push_back(std::move(*envelope));
  }
  auto report = (*store)->verify();
  EXPECT_TRUE(report) << report.error().message;
  if (report) {
    for (const auto& problem : report->problems)
      ADD_FAILURE() << "verify: event " << problem.sequence << ": " << problem.what;
  }
  return events;
}

}  // namespace nyxmon::testing
