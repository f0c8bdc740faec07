#include "tests/support/recorded_events.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>

#include "domain/events/event.hpp"
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

std::vector<std::string> runs_without_one_ending(const std::vector<domain::Envelope>& events) {
  std::map<std::pair<std::string, domain::RunId>, int> endings;  // scheduled runs only
  for (const auto& envelope : events) {
    if (const auto* s = std::get_if<domain::CheckScheduled>(&envelope.event))
      endings.try_emplace({s->check.value, s->run}, 0);
  }
  for (const auto& envelope : events) {
    std::optional<std::pair<std::string, domain::RunId>> run;
    if (const auto* r = std::get_if<domain::CheckResultRecorded>(&envelope.event))
      run = {r->check.value, r->run};
    if (const auto* a = std::get_if<domain::CheckRunAbandoned>(&envelope.event))
      run = {a->check.value, a->run};
    if (run) {
      if (auto it = endings.find(*run); it != endings.end()) ++it->second;
    }
  }
  std::vector<std::string> problems;
  for (const auto& [run, count] : endings) {
    if (count != 1) {
      problems.push_back("check " + run.first + " run " + std::to_string(run.second) + ": " +
                         std::to_string(count) + " endings");
    }
  }
  return problems;
}

}  // namespace nyxmon::testing
