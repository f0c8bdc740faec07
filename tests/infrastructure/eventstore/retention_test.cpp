// Retention over a real store: run events older than the horizon go, a
// snapshot at the horizon keeps every later state exact, everything else
// stays where it was, verify() accepts the gaps and still finds damage.
#include <gtest/gtest.h>

#include <set>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/eventstore/retention.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/eventstore/store_format.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/raw_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

class Retention : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = EventStore::open(dir / "data", {.durability = Durability::kAsync});
    ASSERT_TRUE(opened) << opened.error().message;
    store = std::move(*opened);
    StoreEventLog log(*store);
    MessageBus bus(log, state);
    std::vector<Command> definitions{DefineService{testing::service_spec("web")}};
    for (int i = 0; i < 5; ++i) {
      CheckSpec spec = testing::http_check("c" + std::to_string(i));
      spec.interval = 1min;
      spec.retry_interval = 1min;
      definitions.push_back(DefineCheck{spec});
    }
    bus.dispatch(definitions, at());
    // Three hours; check c0 fails from 00:30 to 00:40 and from 02:30 to 02:40.
    for (Timestamp now = at(); now < at(3h); now += 1s) {
      std::vector<Command> runs;
      for (const auto& due : state.schedule().pop_due(now, 100))
        runs.push_back(RunCheck{due.check, due.due_at});
      if (runs.empty()) continue;
      const auto scheduled = bus.dispatch(runs, now);
      std::vector<Command> results;
      for (const auto& envelope : scheduled.appended) {
        const auto& run = std::get<CheckScheduled>(envelope.event);
        const bool down = run.check.value == "c0" && ((now >= at(30min) && now < at(40min)) ||
                                                      (now >= at(150min) && now < at(160min)));
        results.push_back(RecordResult{
            run.check, run.run, testing::result(down ? Outcome::kFail : Outcome::kOk, now, "x")});
      }
      bus.dispatch(results, now + 100ms);
    }
  }

  testing::TempDir dir;
  std::unique_ptr<EventStore> store;
  projections::Projections state;
};

TEST_F(Retention, RemovesOnlyOldRunEventsAndKeepsTheStateExact) {
  const auto before = testing::read_all(*store);
  auto report = truncate_history(*store, at(2h), at(3h));
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->recorded);
  EXPECT_GT(report->removed, 1000u);

  const auto after = testing::read_all(*store);
  std::set<std::uint64_t> kept;
  for (const auto& record : after)
    kept.insert(record.sequence);
  std::uint64_t removed = 0;
  for (const auto& record : before) {
    const bool old_run = is_run_event(record.type_tag) && record.sequence < report->before_sequence;
    EXPECT_EQ(kept.contains(record.sequence), !old_run) << "sequence " << record.sequence;
    removed += old_run;
  }
  EXPECT_EQ(removed, report->removed);
  EXPECT_EQ(after.back().type_tag, HistoryTruncated::kTag);

  // Status changes before the horizon stay (c0's first outage is in there).
  int status_changes = 0;
  for (const auto& record : after)
    status_changes += record.type_tag == CheckStatusChanged::kTag;
  EXPECT_GE(status_changes, 5 + 4) << "5 × pending → up, then c0 down/up twice";

  // The state at the head, rebuilt from the store, is the one folded live.
  auto loaded = load_projections(*store, store->read_view(), std::nullopt);
  ASSERT_TRUE(loaded) << loaded.error().message;
  state.apply(*report->recorded);
  EXPECT_EQ(loaded->projections.snapshot(), state.snapshot());

  auto verified = store->verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;

  auto again = truncate_history(*store, at(2h), at(3h));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->recorded) << "the same horizon twice removes nothing";
  auto truncation = store->truncation();
  ASSERT_TRUE(truncation);
  EXPECT_EQ(truncation->before_sequence, report->before_sequence);
  EXPECT_EQ(truncation->horizon, at(2h));
}

TEST_F(Retention, VerifyStillFindsAMissingEventAboveTheHorizon) {
  auto report = truncate_history(*store, at(1h), at(3h));
  ASSERT_TRUE(report);
  const auto records = testing::read_all(*store);
  const auto& victim = records[records.size() - 10];
  ASSERT_GT(victim.sequence, report->before_sequence);
  store.reset();
  // A disk fault loses one event above the horizon: not retention's doing.
  testing::edit_raw_store(dir / "data", [&](rocksdb::DB& db, auto* events, auto*, auto*) {
    ASSERT_TRUE(db.Delete({}, events, sequence_key(victim.sequence)).ok());
  });
  auto reopened = EventStore::open(dir / "data");
  ASSERT_TRUE(reopened);
  auto verified = (*reopened)->verify();
  ASSERT_TRUE(verified);
  ASSERT_FALSE(verified->ok());
  EXPECT_EQ(verified->problems.front().sequence, victim.sequence);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
